-- CreateTable
CREATE TABLE "ArticleCheck" (
    "articleId" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "error" TEXT,

    CONSTRAINT "ArticleCheck_pkey" PRIMARY KEY ("articleId")
);

-- CreateIndex
CREATE INDEX "ArticleCheck_checkedAt_idx" ON "ArticleCheck"("checkedAt");

-- AddForeignKey
ALTER TABLE "ArticleCheck" ADD CONSTRAINT "ArticleCheck_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
