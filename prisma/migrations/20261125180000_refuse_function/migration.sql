-- PostgreSQL only (loyalty_refuse, see prisma/migrations-postgres): SQLite runs those statements one
-- by one in its transaction instead. Kept so both folders list the same migrations.
SELECT 1;
