namespace TrainingHub.Migrations.Postgres;

/// <summary>
/// The triggers that keep "CreditedMonths" equal to the sums of the credited attendance rows (the rule of
/// AttendanceRecord.Credit), and the backfill from existing rows. Statement-level with transition tables, so a bulk
/// COPY of attendance is folded in with one set-based upsert. Each person's rows are their own: concurrent check-ins
/// into one session never update the same row.
/// </summary>
public static class CreditedMonthsSql
{
    private const string Month = """(EXTRACT(YEAR FROM s."StartsAt" AT TIME ZONE 'America/Sao_Paulo') * 100 + EXTRACT(MONTH FROM s."StartsAt" AT TIME ZONE 'America/Sao_Paulo'))::int""";

    private static string Credit(string a, string creditedMinutes) =>
        $"""CASE WHEN {a}."Status" IN ('Present', 'Late') THEN LEAST(COALESCE({a}."Minutes", {creditedMinutes}), {creditedMinutes}) WHEN {a}."Status" = 'Partial' THEN LEAST(COALESCE({a}."Minutes", 0), {creditedMinutes}) ELSE 0 END""";

    private const string Upsert = """
        INSERT INTO "CreditedMonths" AS c ("PersonId", "OfferingId", "Month", "Minutes", "Rows")
        SELECT d."PersonId", d."OfferingId", d."Month", SUM(d."Minutes"), SUM(d."Rows") FROM (
        """;

    private const string UpsertEnd = """
        ) d
        GROUP BY d."PersonId", d."OfferingId", d."Month"
        HAVING SUM(d."Minutes") <> 0 OR SUM(d."Rows") <> 0
        ORDER BY d."PersonId", d."OfferingId", d."Month"
        ON CONFLICT ("PersonId", "OfferingId", "Month") DO UPDATE SET "Minutes" = c."Minutes" + EXCLUDED."Minutes", "Rows" = c."Rows" + EXCLUDED."Rows";
        """;

    private static string Rows(string table, int sign) => $"""
        SELECT a."PersonId", s."OfferingId", {Month} AS "Month", {sign} * ({Credit("a", "s.\"CreditedMinutes\"")}) AS "Minutes", {sign} AS "Rows"
        FROM {table} a JOIN "Sessions" s ON s."Id" = a."SessionId" WHERE s."Status" <> 'Cancelled'
        """;

    private static string SessionRows(string these, string others, int sign) => $"""
        SELECT a."PersonId", s."OfferingId", {Month} AS "Month", {sign} * ({Credit("a", "s.\"CreditedMinutes\"")}) AS "Minutes", {sign} AS "Rows"
        FROM {these} s JOIN {others} x ON x."Id" = s."Id" JOIN "AttendanceRecords" a ON a."SessionId" = s."Id"
        WHERE s."Status" <> 'Cancelled'
          AND ((s."Status" = 'Cancelled') <> (x."Status" = 'Cancelled') OR s."CreditedMinutes" <> x."CreditedMinutes" OR s."StartsAt" <> x."StartsAt" OR s."OfferingId" <> x."OfferingId")
        """;

    public static string Create => $"""
        CREATE FUNCTION "CreditedMonths_Attendance"() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                {Upsert}{Rows("new_rows", 1)}{UpsertEnd}
            ELSIF TG_OP = 'DELETE' THEN
                {Upsert}{Rows("old_rows", -1)}{UpsertEnd}
            ELSE
                {Upsert}{Rows("new_rows", 1)} UNION ALL {Rows("old_rows", -1)}{UpsertEnd}
            END IF;
            RETURN NULL;
        END
        $fn$;

        CREATE TRIGGER "CreditedMonths_AttendanceInsert" AFTER INSERT ON "AttendanceRecords"
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "CreditedMonths_Attendance"();
        CREATE TRIGGER "CreditedMonths_AttendanceUpdate" AFTER UPDATE ON "AttendanceRecords"
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "CreditedMonths_Attendance"();
        CREATE TRIGGER "CreditedMonths_AttendanceDelete" AFTER DELETE ON "AttendanceRecords"
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "CreditedMonths_Attendance"();

        CREATE FUNCTION "CreditedMonths_Session"() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            {Upsert}{SessionRows("new_rows", "old_rows", 1)} UNION ALL {SessionRows("old_rows", "new_rows", -1)}{UpsertEnd}
            RETURN NULL;
        END
        $fn$;

        CREATE TRIGGER "CreditedMonths_SessionUpdate" AFTER UPDATE ON "Sessions"
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "CreditedMonths_Session"();

        {Upsert}{Rows("\"AttendanceRecords\"", 1)}{UpsertEnd}
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS "CreditedMonths_SessionUpdate" ON "Sessions";
        DROP TRIGGER IF EXISTS "CreditedMonths_AttendanceInsert" ON "AttendanceRecords";
        DROP TRIGGER IF EXISTS "CreditedMonths_AttendanceUpdate" ON "AttendanceRecords";
        DROP TRIGGER IF EXISTS "CreditedMonths_AttendanceDelete" ON "AttendanceRecords";
        DROP FUNCTION IF EXISTS "CreditedMonths_Session"();
        DROP FUNCTION IF EXISTS "CreditedMonths_Attendance"();
        """;
}
