namespace TrainingHub.Migrations.Sqlite;

/// <summary>
/// The triggers that keep "CreditedMonths" equal to the sums of the credited attendance rows (the rule of
/// AttendanceRecord.Credit), and the backfill from existing rows. SQLite has no time-zone database: months are taken
/// at UTC−3, America/Sao_Paulo's offset since its last daylight-saving period ended (17/02/2019); readers use the
/// maintained rows only from March 2019 (CreditedMonths.FirstMaintained).
/// </summary>
public static class CreditedMonthsSql
{
    private static string Month(string s) => $"""CAST(strftime('%Y%m', {s}."StartsAt", '-3 hours') AS INTEGER)""";

    private static string Credit(string a, string s) =>
        $"""CASE WHEN {a}."Status" IN ('Present', 'Late') THEN min(coalesce({a}."Minutes", {s}."CreditedMinutes"), {s}."CreditedMinutes") WHEN {a}."Status" = 'Partial' THEN min(coalesce({a}."Minutes", 0), {s}."CreditedMinutes") ELSE 0 END""";

    private const string OnConflict = """
        ON CONFLICT ("PersonId", "OfferingId", "Month") DO UPDATE SET "Minutes" = "Minutes" + excluded."Minutes", "Rows" = "Rows" + excluded."Rows";
        """;

    /// <summary>Adds (sign 1) or removes (sign -1) attendance row <paramref name="a"/> (NEW or OLD) under the session's current state.</summary>
    private static string Apply(string a, int sign) => $"""
        INSERT INTO "CreditedMonths" ("PersonId", "OfferingId", "Month", "Minutes", "Rows")
        SELECT {a}."PersonId", s."OfferingId", {Month("s")}, {sign} * ({Credit(a, "s")}), {sign}
        FROM "Sessions" s WHERE s."Id" = {a}."SessionId" AND s."Status" <> 'Cancelled'
        {OnConflict}
        """;

    /// <summary>Adds (sign 1) or removes (sign -1) every attendance row of session <paramref name="s"/> (NEW or OLD).</summary>
    private static string ApplySession(string s, int sign) => $"""
        INSERT INTO "CreditedMonths" ("PersonId", "OfferingId", "Month", "Minutes", "Rows")
        SELECT a."PersonId", {s}."OfferingId", {Month(s)}, SUM({sign} * ({Credit("a", s)})), {sign} * COUNT(*)
        FROM "AttendanceRecords" a WHERE a."SessionId" = {s}."Id" AND {s}."Status" <> 'Cancelled'
        GROUP BY a."PersonId"
        {OnConflict}
        """;

    public static string Create => $"""
        CREATE TRIGGER "CreditedMonths_AttendanceInsert" AFTER INSERT ON "AttendanceRecords"
        BEGIN
        {Apply("NEW", 1)}
        END;

        CREATE TRIGGER "CreditedMonths_AttendanceUpdate" AFTER UPDATE OF "Status", "Minutes", "SessionId", "PersonId" ON "AttendanceRecords"
        WHEN OLD."Status" IS NOT NEW."Status" OR OLD."Minutes" IS NOT NEW."Minutes" OR OLD."SessionId" <> NEW."SessionId" OR OLD."PersonId" <> NEW."PersonId"
        BEGIN
        {Apply("OLD", -1)}
        {Apply("NEW", 1)}
        END;

        CREATE TRIGGER "CreditedMonths_AttendanceDelete" AFTER DELETE ON "AttendanceRecords"
        BEGIN
        {Apply("OLD", -1)}
        END;

        CREATE TRIGGER "CreditedMonths_SessionUpdate" AFTER UPDATE OF "Status", "CreditedMinutes", "StartsAt", "OfferingId" ON "Sessions"
        WHEN (OLD."Status" = 'Cancelled') <> (NEW."Status" = 'Cancelled') OR OLD."CreditedMinutes" <> NEW."CreditedMinutes" OR OLD."StartsAt" <> NEW."StartsAt" OR OLD."OfferingId" <> NEW."OfferingId"
        BEGIN
        {ApplySession("OLD", -1)}
        {ApplySession("NEW", 1)}
        END;

        INSERT INTO "CreditedMonths" ("PersonId", "OfferingId", "Month", "Minutes", "Rows")
        SELECT a."PersonId", s."OfferingId", {Month("s")}, SUM({Credit("a", "s")}), COUNT(*)
        FROM "AttendanceRecords" a JOIN "Sessions" s ON s."Id" = a."SessionId" WHERE s."Status" <> 'Cancelled'
        GROUP BY a."PersonId", s."OfferingId", {Month("s")};
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS "CreditedMonths_SessionUpdate";
        DROP TRIGGER IF EXISTS "CreditedMonths_AttendanceInsert";
        DROP TRIGGER IF EXISTS "CreditedMonths_AttendanceUpdate";
        DROP TRIGGER IF EXISTS "CreditedMonths_AttendanceDelete";
        """;
}
