-- Hand-written migration: name objects Prisma cannot model manual_* (see README, Migrations).

-- Title hits rank first (lib/public/search.ts): the bigrams of the title alone, so the articles whose
-- title contains a term are found without scanning every match of a common word.
CREATE INDEX manual_search_title_bigrams ON "SearchDocument" USING gin (manual_search_bigrams(title));
