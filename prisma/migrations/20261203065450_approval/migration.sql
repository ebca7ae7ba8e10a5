-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    CONSTRAINT "Claim_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Claim_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Claim_deletedById_fkey" FOREIGN KEY ("deletedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Claim_verdictById_fkey" FOREIGN KEY ("verdictById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Claim_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Claim" ("articleId", "authorId", "createdAt", "deletedAt", "deletedById", "end", "exact", "id", "note", "prefix", "rationale", "start", "statement", "status", "suffix", "updatedAt", "verdict", "version") SELECT "articleId", "authorId", "createdAt", "deletedAt", "deletedById", "end", "exact", "id", "note", "prefix", "rationale", "start", "statement", "status", "suffix", "updatedAt", "verdict", "version" FROM "Claim";
DROP TABLE "Claim";
ALTER TABLE "new_Claim" RENAME TO "Claim";
CREATE INDEX "Claim_articleId_start_idx" ON "Claim"("articleId", "start");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
