-- CreateTable
CREATE TABLE "ArticleCheck" (
    "articleId" TEXT NOT NULL PRIMARY KEY,
    "checkedAt" DATETIME NOT NULL,
    "error" TEXT,
    CONSTRAINT "ArticleCheck_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ArticleCheck_checkedAt_idx" ON "ArticleCheck"("checkedAt");
