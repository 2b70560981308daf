using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;

namespace TrainingHub.Seeding;

public sealed record BulkSeedResult(int People, long AttendanceRows, TimeSpan Elapsed);

/// <summary>
/// Large synthetic data for benchmarks: organisations, people, a programme with courses, classes, sessions,
/// confirmed enrolments and attendance, added to whatever the database holds (fresh ids, codes and CPFs).
/// <para>
/// Bulk benchmark data is deliberately NOT audited: rows are written through the raw ADO.NET connection, bypassing
/// EF change tracking and the audit interceptor, so the audit chain records none of them. Never use this on a
/// database whose audit trail matters.
/// </para>
/// <para>
/// Not atomic: each table is committed in chunks of about 100 000 rows, so a failed run leaves what it committed.
/// On PostgreSQL the identity sequences are moved past the explicit ids afterwards and the big tables analysed; on SQL
/// Server the identity columns are checked past them.
/// </para>
/// </summary>
public static class BulkSeeder
{
    private const int Organizations = 300;
    private const int SessionsPerClass = 10;
    private const int SeatsPerClass = 40;
    private const int PeoplePerTeam = 25;
    private const int Courses = 20;

    public static Task<BulkSeedResult> SeedAsync(TrainingHubDbContext db, int people, int attendanceRows, TimeProvider time,
        IProgress<string>? progress, CancellationToken ct) =>
        SeedAsync(db, people, attendanceRows, time, progress, writers: null, ct);

    /// <param name="writers">How rows reach the database; null: multi-row INSERT batches (<see cref="InsertBatchWriterFactory"/>).
    /// A PostgreSQL project can pass a binary COPY writer instead; SQL Server needs <see cref="SqlBulkCopyWriterFactory"/> (explicit ids).</param>
    public static async Task<BulkSeedResult> SeedAsync(TrainingHubDbContext db, int people, int attendanceRows, TimeProvider time,
        IProgress<string>? progress, IBulkWriterFactory? writers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(people);
        ArgumentOutOfRangeException.ThrowIfNegative(attendanceRows);
        if (attendanceRows > 0 && people == 0)
        {
            throw new ArgumentException("Attendance needs people.", nameof(people));
        }

        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("The bulk seeder manages its own transactions; call it outside one.");
        }

        var clock = Stopwatch.StartNew();
        var provider = db.Database.ProviderName ?? "";
        var sqlite = provider.Contains("Sqlite", StringComparison.OrdinalIgnoreCase);
        var postgres = provider.Contains("Npgsql", StringComparison.OrdinalIgnoreCase);
        var sqlServer = provider.Contains("SqlServer", StringComparison.OrdinalIgnoreCase);
        writers ??= new InsertBatchWriterFactory(sqlite);

        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        string? synchronous = null;
        try
        {
            if (sqlite)
            {
                synchronous = Convert.ToString(await ScalarAsync(connection, "PRAGMA synchronous", ct), CultureInfo.InvariantCulture);
                await ExecuteAsync(connection, "PRAGMA synchronous = OFF", ct);
            }

            var load = new BulkLoad(db, connection, writers, time, progress, people, attendanceRows);
            await load.RunAsync(ct);
            if (postgres)
            {
                await load.AfterPostgresAsync(ct);
            }
            else if (sqlServer)
            {
                await load.AfterSqlServerAsync(ct);
            }

            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"done in {clock.Elapsed.TotalSeconds:0.0} s"));
            return new BulkSeedResult(people, attendanceRows, clock.Elapsed);
        }
        finally
        {
            if (synchronous is not null)
            {
                await ExecuteAsync(connection, $"PRAGMA synchronous = {int.Parse(synchronous, CultureInfo.InvariantCulture)}", CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    internal static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }

    internal static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>One run: the id ranges it owns and the rows it writes, table by table, parents first.</summary>
    private sealed class BulkLoad(TrainingHubDbContext db, DbConnection connection, IBulkWriterFactory writers, TimeProvider time,
        IProgress<string>? progress, int people, int attendanceRows)
    {
        private static readonly string[] JobTitles = ["Analista", "Técnico(a) Administrativo(a)", "Assessor(a)", "Gestor(a)", "Agente Público(a)", "Coordenador(a)"];
        private readonly DateTime now = time.GetUtcNow().UtcDateTime;
        private readonly DateOnly today = SaoPaulo.Today(time);
        private readonly object?[] row = new object?[32];
        private long organizationBase;
        private long personBase;
        private long programmeId;
        private long courseBase;
        private long offeringBase;
        private long sessionBase;
        private int classes;
        private int lastClassSeats;

        public async Task RunAsync(CancellationToken ct)
        {
            organizationBase = await MaxIdAsync(typeof(Organization), ct);
            personBase = await MaxIdAsync(typeof(TrainingHub.Core.People.Person), ct);
            programmeId = await MaxIdAsync(typeof(Programme), ct) + 1;
            courseBase = await MaxIdAsync(typeof(Course), ct);
            offeringBase = await MaxIdAsync(typeof(Offering), ct);
            sessionBase = await MaxIdAsync(typeof(Session), ct);

            // Each class seats up to 40 people for 10 sessions: as many classes as the attendance rows need.
            var seats = Math.Min(SeatsPerClass, Math.Max(1, people));
            var perClass = SessionsPerClass * seats;
            classes = (int)((attendanceRows + (long)perClass - 1) / perClass);
            var lastRows = attendanceRows - (long)(classes - 1) * perClass;
            lastClassSeats = classes == 0 ? 0 : (int)((lastRows + SessionsPerClass - 1) / SessionsPerClass);

            await WriteOrganizationsAsync(ct);
            await WritePeopleAsync(ct);
            await WriteCatalogAsync(seats, ct);
            await WriteEnrolmentsAsync(seats, ct);
            await WriteAttendanceAsync(seats, ct);
        }

        /// <summary>Explicit ids leave PostgreSQL identity sequences behind: move them past the new rows, and refresh statistics.</summary>
        public async Task AfterPostgresAsync(CancellationToken ct)
        {
            foreach (var type in new[] { typeof(Organization), typeof(TrainingHub.Core.People.Person), typeof(Programme), typeof(Course), typeof(Offering), typeof(Session) })
            {
                var table = BulkTable.For(db, type, "Id");
                var literal = table.QuotedName.Replace("'", "''", StringComparison.Ordinal);
                await ExecuteAsync(connection,
                    $"SELECT setval(pg_get_serial_sequence('{literal}', '{table.Columns[0].Name}'), (SELECT MAX({BulkTable.Quote(table.Columns[0].Name)}) FROM {table.QuotedName}))", ct);
            }

            foreach (var type in new[] { typeof(TrainingHub.Core.People.Person), typeof(Session), typeof(TrainingHub.Core.Enrolment.Enrolment), typeof(AttendanceRecord) })
            {
                await ExecuteAsync(connection, $"ANALYZE {BulkTable.For(db, type, "Id").QuotedName}", ct);
            }
        }

        /// <summary>Explicit ids may leave SQL Server identity columns behind: DBCC CHECKIDENT moves each past its largest id.</summary>
        public async Task AfterSqlServerAsync(CancellationToken ct)
        {
            foreach (var type in new[] { typeof(Organization), typeof(TrainingHub.Core.People.Person), typeof(Programme), typeof(Course), typeof(Offering), typeof(Session) })
            {
                var table = BulkTable.For(db, type, "Id");
                var name = (table.Schema is null ? $"[{table.Name}]" : $"[{table.Schema}].[{table.Name}]").Replace("'", "''", StringComparison.Ordinal);
                await ExecuteAsync(connection, $"DBCC CHECKIDENT ('{name}') WITH NO_INFOMSGS", ct);
            }
        }

        private async Task<long> MaxIdAsync(Type type, CancellationToken ct)
        {
            var table = BulkTable.For(db, type, "Id");
            var max = await ScalarAsync(connection, $"SELECT MAX({BulkTable.Quote(table.Columns[0].Name)}) FROM {table.QuotedName}", ct);
            return max is null or DBNull ? 0 : Convert.ToInt64(max, CultureInfo.InvariantCulture);
        }

        private async Task WriteOrganizationsAsync(CancellationToken ct)
        {
            var table = BulkTable.For(db, typeof(Organization), "Id", "Name", "NameKey", "Acronym", "Kind", "State", "ParentId", "Path", "IsActive", "CreatedAt");
            await using var writer = await writers.OpenAsync(connection, table, ct);
            var root = organizationBase + 1;
            var tag = root.ToString(CultureInfo.InvariantCulture);
            var rootName = $"Estado Sintético {tag} (benchmark)";
            await WriteAsync(writer, ct, root, rootName, NameKey.For(rootName), $"ES{tag}", nameof(OrganizationKind.StateAgency), "MG", null, $"/{root}/", true, now);
            for (var i = 1; i < Organizations; i++)
            {
                var id = root + i;
                var (kind, name) = (i % 10) switch
                {
                    < 4 => (OrganizationKind.StateAgency, "Secretaria Sintética"),
                    < 8 => (OrganizationKind.CityHall, "Prefeitura Sintética"),
                    8 => (OrganizationKind.MunicipalChamber, "Câmara Sintética"),
                    _ => (OrganizationKind.Council, "Conselho Sintético"),
                };
                var fullName = $"{name} {tag}-{i:D3}";
                await WriteAsync(writer, ct, id, fullName, NameKey.For(fullName), null, kind.ToString(), "MG", root, $"/{root}/{id}/", true, now);
            }

            await writer.CompleteAsync(ct);
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"organisations: {Organizations}"));
        }

        private async Task WritePeopleAsync(CancellationToken ct)
        {
            var cpfs = await ExistingCpfsAsync(ct);
            var names = new BulkNames();
            var table = BulkTable.For(db, typeof(TrainingHub.Core.People.Person), "Id", "Cpf", "FullName", "NameKey", "Email", "OrganizationId", "JobTitle",
                "RegistrationNumber", "PreferredLanguage", "ManagerId", "CreatedAt");
            await using var writer = await writers.OpenAsync(connection, table, ct);
            long counter = personBase;
            for (var k = 0; k < people; k++)
            {
                var id = personBase + 1 + k;
                var team = k / PeoplePerTeam;
                var organization = organizationBase + 2 + team % (Organizations - 1);
                long? manager = k % PeoplePerTeam == 0 ? null : personBase + 1 + (long)team * PeoplePerTeam;
                string cpf;
                do
                {
                    cpf = CpfFor(counter++);
                }
                while (!cpfs.Add(cpf));

                var (fullName, email) = names.For(id);
                await WriteAsync(writer, ct, (int)id, cpf, fullName, NameKey.For(fullName), email, (int)organization, JobTitles[k % JobTitles.Length],
                    string.Create(CultureInfo.InvariantCulture, $"B{id:D8}"), k % 20 == 7 ? Languages.English : Languages.Portuguese,
                    manager is null ? null : (object)(int)manager.Value, now);
                if ((k + 1) % 100_000 == 0)
                {
                    progress?.Report(string.Create(CultureInfo.InvariantCulture, $"people: {k + 1:N0}/{people:N0}"));
                }
            }

            await writer.CompleteAsync(ct);
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"people: {people:N0}"));
        }

        private async Task WriteCatalogAsync(int seats, CancellationToken ct)
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"BULK-{programmeId}");
            var programmes = BulkTable.For(db, typeof(Programme), "Id", "Code", "Name", "Description", "OwnerOrganizationId", "TargetMinutes",
                "TargetPeriod", "StartsOn", "EndsOn", "IsActive", "CreatedAt");
            await using (var writer = await writers.OpenAsync(connection, programmes, ct))
            {
                await WriteAsync(writer, ct, (int)programmeId, code, $"Programa sintético {programmeId} (benchmark)",
                    "Dados sintéticos para medir desempenho; não auditados.", (int)organizationBase + 1, 48 * 60, nameof(TargetPeriod.Year),
                    today.AddYears(-3), today.AddYears(1), true, now);
                await writer.CompleteAsync(ct);
            }

            var courses = BulkTable.For(db, typeof(Course), "Id", "ProgrammeId", "Code", "Title", "Syllabus", "WorkloadMinutes", "Modality",
                "MinAttendancePercent", "IsActive", "CreatedAt");
            await using (var writer = await writers.OpenAsync(connection, courses, ct))
            {
                for (var c = 1; c <= Courses; c++)
                {
                    await WriteAsync(writer, ct, (int)(courseBase + c), (int)programmeId, $"{code}-C{c:D2}", $"Curso sintético {c:D2}",
                        "Módulo 1\nMódulo 2\nMódulo 3", SessionsPerClass * 240, ((Modality)(c % 3)).ToString(), 75, true, now);
                }

                await writer.CompleteAsync(ct);
            }

            var offerings = BulkTable.For(db, typeof(Offering), "Id", "Code", "Title", "ProgrammeId", "StartsOn", "EndsOn", "Seats", "ConfirmedCount",
                "EnrolmentOpensAt", "EnrolmentClosesAt", "ApprovalRequired", "Eligibility", "Status", "Place", "CreatedAt", "Kind", "CourseId");
            var sessions = BulkTable.For(db, typeof(Session), "Id", "OfferingId", "Title", "StartsAt", "EndsAt", "CreditedMinutes", "Place", "Status", "ClosedAt", "Sequence", "RegisteredCount");
            await using (var writer = await writers.OpenAsync(connection, offerings, ct))
            {
                for (var o = 0; o < classes; o++)
                {
                    var first = FirstDay(o);
                    var opens = DemoWorld.Utc(first.AddDays(-30), new TimeOnly(9, 0));
                    await WriteAsync(writer, ct, (int)(offeringBase + 1 + o), $"{code}-{o + 1:D6}", $"Turma sintética {o + 1}", (int)programmeId,
                        first, first.AddDays(7 * (SessionsPerClass - 1)), seats, o == classes - 1 ? lastClassSeats : seats, opens, opens.AddDays(27),
                        false, nameof(Eligibility.Everyone), nameof(OfferingStatus.Published), "Sala sintética", opens.AddDays(-3), "Class",
                        (int)(courseBase + 1 + o % Courses));
                }

                await writer.CompleteAsync(ct);
            }

            await using (var writer = await writers.OpenAsync(connection, sessions, ct))
            {
                for (var o = 0; o < classes; o++)
                {
                    var first = FirstDay(o);
                    for (var s = 0; s < SessionsPerClass; s++)
                    {
                        var startsAt = DemoWorld.Utc(first.AddDays(7 * s), new TimeOnly(14, 0));
                        await WriteAsync(writer, ct, (int)SessionId(o, s), (int)(offeringBase + 1 + o), $"Encontro {s + 1}", startsAt, startsAt.AddMinutes(240),
                            240, "Sala sintética", nameof(SessionStatus.Closed), startsAt.AddDays(1), 0, 0);
                    }
                }

                await writer.CompleteAsync(ct);
            }

            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"catalogue: {classes:N0} classes, {classes * SessionsPerClass:N0} sessions"));
        }

        private async Task WriteEnrolmentsAsync(int seats, CancellationToken ct)
        {
            var table = BulkTable.For(db, typeof(TrainingHub.Core.Enrolment.Enrolment), "OfferingId", "PersonId", "Status", "RequestedAt", "ConfirmedAt", "Version");
            await using var writer = await writers.OpenAsync(connection, table, ct);
            long written = 0;
            for (var o = 0; o < classes; o++)
            {
                var requested = DemoWorld.Utc(FirstDay(o).AddDays(-20), new TimeOnly(10, 0));
                var enrolled = o == classes - 1 ? lastClassSeats : seats;
                for (var j = 0; j < enrolled; j++)
                {
                    var at = requested.AddMinutes(j * 7);
                    await WriteAsync(writer, ct, (int)(offeringBase + 1 + o), (int)PersonId(o, j, seats), "Confirmed", at, at, 0);
                    if (++written % 100_000 == 0)
                    {
                        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"enrolments: {written:N0}"));
                    }
                }
            }

            await writer.CompleteAsync(ct);
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"enrolments: {written:N0}"));
        }

        private async Task WriteAttendanceAsync(int seats, CancellationToken ct)
        {
            var table = BulkTable.For(db, typeof(AttendanceRecord), "SessionId", "PersonId", "Status", "Minutes", "Source", "RecordedAt");
            await using var writer = await writers.OpenAsync(connection, table, ct);
            long written = 0;
            for (var o = 0; o < classes && written < attendanceRows; o++)
            {
                var first = FirstDay(o);
                var enrolled = o == classes - 1 ? lastClassSeats : seats;
                for (var s = 0; s < SessionsPerClass && written < attendanceRows; s++)
                {
                    var recordedAt = DemoWorld.Utc(first.AddDays(7 * s), new TimeOnly(18, 30));
                    var session = (int)SessionId(o, s);
                    for (var j = 0; j < enrolled && written < attendanceRows; j++)
                    {
                        var roll = StableRandom.Unit(o, s, j);
                        var (status, minutes) = roll switch
                        {
                            < 0.80 => (AttendanceStatus.Present, (int?)null),
                            < 0.88 => (AttendanceStatus.Late, null),
                            < 0.93 => (AttendanceStatus.Partial, 60 + (int)((roll - 0.88) * 2000) / 5 * 5),
                            < 0.96 => (AttendanceStatus.Excused, null),
                            _ => (AttendanceStatus.Absent, null),
                        };
                        await WriteAsync(writer, ct, session, (int)PersonId(o, j, seats), status.ToString(), minutes, nameof(AttendanceSource.Roster), recordedAt);
                        if (++written % 250_000 == 0)
                        {
                            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"attendance: {written:N0}/{attendanceRows:N0}"));
                        }
                    }
                }
            }

            await writer.CompleteAsync(ct);
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"attendance: {written:N0}"));
        }

        private async Task<HashSet<string>> ExistingCpfsAsync(CancellationToken ct)
        {
            var table = BulkTable.For(db, typeof(TrainingHub.Core.People.Person), "Cpf");
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {BulkTable.Quote(table.Columns[0].Name)} FROM {table.QuotedName}";
            var cpfs = new HashSet<string>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                cpfs.Add(reader.GetString(0).Trim());
            }

            return cpfs;
        }

        /// <summary>Classes spread over the last three years, all finished: the last session ends at least a week ago.</summary>
        private DateOnly FirstDay(int o) => today.AddDays(-(70 + o * 7919 % 1000));

        private long SessionId(int o, int s) => sessionBase + 1 + (long)o * SessionsPerClass + s;

        /// <summary>Consecutive people per class (distinct within a class while seats ≤ people), wrapping around the new people.</summary>
        private long PersonId(int o, int j, int seats) => personBase + 1 + ((long)o * seats + j) % people;

        /// <summary>
        /// CPF base digits from a counter through a bijection of [0, 10^9) (multiplying by a number prime to 10), so
        /// successive people get unrelated-looking, distinct numbers; collisions with existing rows are skipped by the caller.
        /// </summary>
        private static string CpfFor(long counter)
        {
            while (true)
            {
                var nine = (counter * 7_919_333L + 104_729L) % 1_000_000_000L;
                var digits = nine.ToString("D9", CultureInfo.InvariantCulture);
                if (!digits.All(c => c == digits[0]))
                {
                    return Cpf.FromBase(digits);
                }

                counter++;
            }
        }

        private ValueTask WriteAsync(IBulkTableWriter writer, CancellationToken ct, params ReadOnlySpan<object?> values)
        {
            values.CopyTo(row);
            return writer.WriteRowAsync(row, ct);
        }
    }
}
