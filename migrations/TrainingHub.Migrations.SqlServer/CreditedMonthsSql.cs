namespace TrainingHub.Migrations.SqlServer;

/// <summary>
/// The triggers that keep [CreditedMonths] equal to the sums of the credited attendance rows (the rule of
/// AttendanceRecord.Credit), and the backfill from existing rows. Statement-level over inserted/deleted, one MERGE per
/// statement; bulk copies fire them when SqlBulkCopyOptions.FireTriggers is set (the seeder sets it).
/// </summary>
public static class CreditedMonthsSql
{
    private static string Month(string s) =>
        $"""(YEAR({s}.[StartsAt] AT TIME ZONE 'UTC' AT TIME ZONE 'E. South America Standard Time') * 100 + MONTH({s}.[StartsAt] AT TIME ZONE 'UTC' AT TIME ZONE 'E. South America Standard Time'))""";

    private static string Credit(string a, string s) =>
        $"""CASE WHEN {a}.[Status] IN (N'Present', N'Late') THEN (CASE WHEN {a}.[Minutes] IS NOT NULL AND {a}.[Minutes] < {s}.[CreditedMinutes] THEN {a}.[Minutes] ELSE {s}.[CreditedMinutes] END) WHEN {a}.[Status] = N'Partial' THEN (CASE WHEN {a}.[Minutes] IS NULL THEN 0 WHEN {a}.[Minutes] < {s}.[CreditedMinutes] THEN {a}.[Minutes] ELSE {s}.[CreditedMinutes] END) ELSE 0 END""";

    private static string Merge(string deltas) => $"""
        MERGE [CreditedMonths] WITH (HOLDLOCK) AS c
        USING (
            SELECT d.[PersonId], d.[OfferingId], d.[Month], SUM(d.[Minutes]) AS [Minutes], SUM(d.[Rows]) AS [Rows]
            FROM ({deltas}) d
            GROUP BY d.[PersonId], d.[OfferingId], d.[Month]
            HAVING SUM(d.[Minutes]) <> 0 OR SUM(d.[Rows]) <> 0
        ) AS d
        ON c.[PersonId] = d.[PersonId] AND c.[OfferingId] = d.[OfferingId] AND c.[Month] = d.[Month]
        WHEN MATCHED THEN UPDATE SET [Minutes] = c.[Minutes] + d.[Minutes], [Rows] = c.[Rows] + d.[Rows]
        WHEN NOT MATCHED THEN INSERT ([PersonId], [OfferingId], [Month], [Minutes], [Rows]) VALUES (d.[PersonId], d.[OfferingId], d.[Month], d.[Minutes], d.[Rows]);
        """;

    private static string Rows(string table, int sign) => $"""
        SELECT a.[PersonId], s.[OfferingId], {Month("s")} AS [Month], {sign} * ({Credit("a", "s")}) AS [Minutes], {sign} AS [Rows]
        FROM {table} a JOIN [Sessions] s ON s.[Id] = a.[SessionId] WHERE s.[Status] <> N'Cancelled'
        """;

    private static string SessionRows(string these, string others, int sign) => $"""
        SELECT a.[PersonId], s.[OfferingId], {Month("s")} AS [Month], {sign} * ({Credit("a", "s")}) AS [Minutes], {sign} AS [Rows]
        FROM {these} s JOIN {others} x ON x.[Id] = s.[Id] JOIN [AttendanceRecords] a ON a.[SessionId] = s.[Id]
        WHERE s.[Status] <> N'Cancelled'
          AND ((CASE WHEN s.[Status] = N'Cancelled' THEN 1 ELSE 0 END) <> (CASE WHEN x.[Status] = N'Cancelled' THEN 1 ELSE 0 END)
               OR s.[CreditedMinutes] <> x.[CreditedMinutes] OR s.[StartsAt] <> x.[StartsAt] OR s.[OfferingId] <> x.[OfferingId])
        """;

    /// <summary>CREATE TRIGGER must open its batch: run through EXEC, which also keeps the idempotent script's IF blocks valid.</summary>
    private static string Exec(string sql) => "EXEC(N'" + sql.Replace("'", "''", StringComparison.Ordinal) + "')";

    public static string CreateAttendanceTrigger => Exec($"""
        CREATE TRIGGER [CreditedMonths_Attendance] ON [AttendanceRecords] AFTER INSERT, UPDATE, DELETE AS
        BEGIN
            SET NOCOUNT ON;
            {Merge(Rows("inserted", 1) + " UNION ALL " + Rows("deleted", -1))}
        END
        """);

    public static string CreateSessionTrigger => Exec($"""
        CREATE TRIGGER [CreditedMonths_Session] ON [Sessions] AFTER UPDATE AS
        BEGIN
            SET NOCOUNT ON;
            {Merge(SessionRows("inserted", "deleted", 1) + " UNION ALL " + SessionRows("deleted", "inserted", -1))}
        END
        """);

    public static string Backfill => Merge(Rows("[AttendanceRecords]", 1));

    public const string Drop = """
        DROP TRIGGER IF EXISTS [CreditedMonths_Session];
        DROP TRIGGER IF EXISTS [CreditedMonths_Attendance];
        """;
}
