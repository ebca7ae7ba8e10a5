-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "byline" TEXT,
ADD COLUMN     "changedAfterReviewAt" TIMESTAMP(3),
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "anchorRevision" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "anchorScore" DOUBLE PRECISION NOT NULL DEFAULT 1,
ADD COLUMN     "anchorStatus" TEXT NOT NULL DEFAULT 'exact',
ADD COLUMN     "rewordedAt" TIMESTAMP(3),
ADD COLUMN     "rewordedRevision" INTEGER;

-- CreateTable
CREATE TABLE "ArticleRevision" (
    "id" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "createdById" TEXT,
    "sourceUrl" TEXT,
    "added" INTEGER NOT NULL DEFAULT 0,
    "removed" INTEGER NOT NULL DEFAULT 0,
    "reanchor" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArticleRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ArticleRevision_articleId_number_key" ON "ArticleRevision"("articleId", "number");

-- AddForeignKey
ALTER TABLE "ArticleRevision" ADD CONSTRAINT "ArticleRevision_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleRevision" ADD CONSTRAINT "ArticleRevision_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Every article so far has one revision: the text it has.
INSERT INTO "ArticleRevision" ("id", "articleId", "number", "text", "origin", "createdById", "createdAt")
SELECT "id" || '-r1', "id", 1, "text", 'created', "createdById", "createdAt" FROM "Article";
