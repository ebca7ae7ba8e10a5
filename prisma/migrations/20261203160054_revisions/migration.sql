-- CreateTable
CREATE TABLE "ArticleRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "articleId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "createdById" TEXT,
    "sourceUrl" TEXT,
    "added" INTEGER NOT NULL DEFAULT 0,
    "removed" INTEGER NOT NULL DEFAULT 0,
    "reanchor" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ArticleRevision_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArticleRevision_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Article" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "publisher" TEXT,
    "byline" TEXT,
    "url" TEXT,
    "publishedOn" TEXT,
    "text" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "requireAssignment" BOOLEAN NOT NULL DEFAULT false,
    "independentReview" BOOLEAN NOT NULL DEFAULT false,
    "blind" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "changedAfterReviewAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Article_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Article" ("blind", "createdAt", "createdById", "id", "independentReview", "publishedOn", "publisher", "requireAssignment", "text", "title", "updatedAt", "url", "version") SELECT "blind", "createdAt", "createdById", "id", "independentReview", "publishedOn", "publisher", "requireAssignment", "text", "title", "updatedAt", "url", "version" FROM "Article";
DROP TABLE "Article";
ALTER TABLE "new_Article" RENAME TO "Article";
CREATE INDEX "Article_createdAt_idx" ON "Article"("createdAt");
CREATE TABLE "new_Claim" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "articleId" TEXT NOT NULL,
    "exact" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "suffix" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "statement" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "verdict" TEXT,
    "rationale" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',
    "authorId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    "deletedById" TEXT,
    "verdictById" TEXT,
    "finalNote" TEXT NOT NULL DEFAULT '',
    "approvedById" TEXT,
    "approvedAt" DATETIME,
    "anchorRevision" INTEGER NOT NULL DEFAULT 1,
    "anchorStatus" TEXT NOT NULL DEFAULT 'exact',
    "anchorScore" REAL NOT NULL DEFAULT 1,
    "rewordedRevision" INTEGER,
    "rewordedAt" DATETIME,
    CONSTRAINT "Claim_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Claim_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Claim_deletedById_fkey" FOREIGN KEY ("deletedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Claim_verdictById_fkey" FOREIGN KEY ("verdictById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Claim_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Claim" ("approvedAt", "approvedById", "articleId", "authorId", "createdAt", "deletedAt", "deletedById", "end", "exact", "finalNote", "id", "note", "prefix", "rationale", "start", "statement", "status", "suffix", "updatedAt", "verdict", "verdictById", "version") SELECT "approvedAt", "approvedById", "articleId", "authorId", "createdAt", "deletedAt", "deletedById", "end", "exact", "finalNote", "id", "note", "prefix", "rationale", "start", "statement", "status", "suffix", "updatedAt", "verdict", "verdictById", "version" FROM "Claim";
DROP TABLE "Claim";
ALTER TABLE "new_Claim" RENAME TO "Claim";
CREATE INDEX "Claim_articleId_start_idx" ON "Claim"("articleId", "start");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ArticleRevision_articleId_number_key" ON "ArticleRevision"("articleId", "number");

-- Every article so far has one revision: the text it has.
INSERT INTO "ArticleRevision" ("id", "articleId", "number", "text", "origin", "createdById", "createdAt")
SELECT "id" || '-r1', "id", 1, "text", 'created', "createdById", "createdAt" FROM "Article";
