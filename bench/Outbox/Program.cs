using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.People;
using TrainingHub.Migrations.Postgres;
using TrainingHub.Migrations.Sqlite;

// N session reminders (each with its .ics invitation) queued by the real use case and delivered by the outbox
// dispatcher (claim, render, SMTP, mark sent, history row), against the reference: a plain MailKit loop sending the
// same messages, already rendered, over one connection, with nothing recorded. Both send to the same SMTP server in the same run.
var count = Arg("--count", 10_000);
var smtpPort = Arg("--smtp-port", 0);
var postgres = Option("--postgres");
// The dispatcher as it was before messages were rendered when queued: every row rendered at send time.
var renderWhenSending = args.Contains("--render-when-sending");

using var sink = smtpPort == 0 ? new SmtpSink() : null;
var port = sink?.Port ?? smtpPort;
Console.WriteLine($"load average (1, 5, 15 min) at the start: {LoadAverage()}");
Console.WriteLine($"{count} reminders, rendered {(renderWhenSending ? "when sent (as before 2026-12-07)" : "when queued")}; SMTP {(sink is null ? $"server on 127.0.0.1:{port}" : $"sink started on 127.0.0.1:{port}")}; database {(postgres is null ? "SQLite file" : "PostgreSQL")}");

var dir = Path.Combine(Path.GetTempPath(), "th-bench-outbox-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(dir);
var databaseName = "th_bench_outbox_" + Guid.NewGuid().ToString("N")[..8];
var options = new DbContextOptionsBuilder<TrainingHubDbContext>();
if (postgres is null)
{
    SqliteDatabase.Use(options, $"Data Source={Path.Combine(dir, "bench.db")}");
}
else
{
    PostgresDatabase.Use(options, new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = databaseName }.ConnectionString);
}

var time = TimeProvider.System;
var smtp = Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = port, Security = MailKit.Security.SecureSocketOptions.None, From = "cursos@bench.traininghub.local", FromName = "Escola de Governo", TimeoutSeconds = 30 });
var settings = new DispatchSettings(BatchSize: 100, MessageIdDomain: "bench.traininghub.local", CalendarOrganizer: "cursos@bench.traininghub.local", CalendarOrganizerName: "Escola de Governo");
if (!renderWhenSending)
{
    // As the app's contexts: each message rendered when it is queued.
    options.AddInterceptors(new OutboxRendering(settings));
}

TrainingHubDbContext Db() => new(options.Options);

try
{
    await using (var db = Db())
    {
        await db.Database.MigrateAsync();
        await ArrangeAsync(db, count, time);
    }

    // The outbox: queue with the real job use case, then dispatch until nothing is due.
    var queueClock = Stopwatch.StartNew();
    int queued;
    await using (var db = Db())
    {
        queued = await QueueSessionReminders.HandleAsync(db, time, CancellationToken.None);
    }

    queueClock.Stop();
    if (queued != count)
    {
        throw new InvalidOperationException($"queued {queued}, expected {count}");
    }

    // The reference: the same messages, rendered beforehand (outside the clock), sent in a plain loop over one MailKit
    // connection kept open for the whole run. The two take turns, one outbox batch then the reference's next as many
    // messages, each on its own clock, so that the load of a shared machine drifting during the run weighs on both
    // sides alike. An untimed first round of 200 warms MailKit and MimeKit up (JIT) for both.
    List<EmailMessage> messages;
    await using (var db = Db())
    {
        messages = [];
        foreach (var m in await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync())
        {
            messages.Add(RenderedOutboxEmail.FromJson(m.RenderedJson)?.ToEmail(m, settings)
                ?? await DispatchOutbox.ComposeAsync(m, EmailMessages.Read(m.MessageType, m.PayloadJson)!, settings));
        }
    }

    using var plain = new MailKit.Net.Smtp.SmtpClient { Timeout = 30_000 };
    await plain.ConnectAsync("127.0.0.1", port, MailKit.Security.SecureSocketOptions.None);
    var warmUp = Math.Min(200, messages.Count);
    foreach (var m in messages.Take(warmUp))
    {
        await plain.SendAsync(SmtpEmailSender.ToMime(m, smtp.Value));
    }

    var sender = new SmtpEmailSender(smtp);
    var sendClock = new Stopwatch();
    var plainClock = new Stopwatch();
    int sent = 0, plainSent = 0;
    while (true)
    {
        sendClock.Start();
        DispatchOutcome outcome;
        await using (var db = Db())
        {
            outcome = await DispatchOutbox.HandleAsync(db, sender, time, settings, "bench", CancellationToken.None);
        }

        sendClock.Stop();
        if (outcome.Claimed == 0)
        {
            break;
        }

        if (outcome.Sent != outcome.Claimed)
        {
            throw new InvalidOperationException($"dispatch failed: {outcome}");
        }

        sent += outcome.Sent;
        plainClock.Start();
        foreach (var m in messages.Skip(plainSent).Take(outcome.Sent))
        {
            await plain.SendAsync(SmtpEmailSender.ToMime(m, smtp.Value));
        }

        plainClock.Stop();
        plainSent += outcome.Sent;
    }

    await plain.DisconnectAsync(quit: true);
    var outboxRate = sent / sendClock.Elapsed.TotalSeconds;
    var plainRate = plainSent / plainClock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queue (QueueSessionReminders{(renderWhenSending ? "" : ", rendering")}): {count} in {queueClock.Elapsed.TotalSeconds:F2} s = {count / queueClock.Elapsed.TotalSeconds:F0} msg/s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"outbox dispatch:               {sent} in {sendClock.Elapsed.TotalSeconds:F2} s = {outboxRate:F0} msg/s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"plain MailKit loop:            {plainSent} in {plainClock.Elapsed.TotalSeconds:F2} s = {plainRate:F0} msg/s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio outbox / plain:          {outboxRate / plainRate:F2}"));
    Console.WriteLine($"load average (1, 5, 15 min) at the end: {LoadAverage()}");
    if (sink is not null)
    {
        Console.WriteLine($"sink received {sink.Received} messages ({sent} + {plainSent} + {warmUp} expected)");
    }
}
finally
{
    if (postgres is not null)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var conn = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = "postgres" }.ConnectionString);
        await conn.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", conn);
        await drop.ExecuteNonQueryAsync();
    }

    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(dir, recursive: true);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

int Arg(string name, int fallback) => Option(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static async Task ArrangeAsync(TrainingHubDbContext db, int count, TimeProvider time)
{
    var now = time.GetUtcNow().UtcDateTime;
    var org = new TrainingHub.Core.Organizations.Organization { Name = "Secretaria de Benchmark", Kind = TrainingHub.Core.Organizations.OrganizationKind.StateAgency, Path = "/bench/" };
    db.Organizations.Add(org);
    var start = now.AddHours(20);
    var offering = new CourseClass
    {
        Code = "BENCH-1",
        Title = "Licitações e Contratos — Turma de benchmark",
        Course = new Course { Code = "C-BENCH", Title = "Licitações e Contratos", MinAttendancePercent = 75, WorkloadMinutes = 180, CreatedAt = now },
        Seats = null,
        StartsOn = DateOnly.FromDateTime(start),
        EndsOn = DateOnly.FromDateTime(start).AddDays(1),
        Status = OfferingStatus.Published,
        Place = "Auditório Central, Bloco A; térreo",
        CreatedAt = now,
    };
    offering.Sessions.Add(new Session { Title = "Encontro 1", StartsAt = start, EndsAt = start.AddHours(3), CreditedMinutes = 180 });
    db.Offerings.Add(offering);
    await db.SaveChangesAsync();
    for (var batch = 0; batch < count; batch += 1000)
    {
        var people = Enumerable.Range(batch, Math.Min(1000, count - batch)).Select(i => new Person
        {
            Cpf = i.ToString("D11", CultureInfo.InvariantCulture),
            FullName = $"Servidora Número {i}",
            Email = $"pessoa{i}@bench.example.gov.br",
            OrganizationId = org.Id,
            PreferredLanguage = i % 2 == 0 ? "pt-BR" : "en",
            CreatedAt = now,
        }).ToList();
        db.People.AddRange(people);
        await db.SaveChangesAsync();
        db.Enrolments.AddRange(people.Select(p => new TrainingHub.Core.Enrolment.Enrolment
        {
            OfferingId = offering.Id,
            PersonId = p.Id,
            Status = TrainingHub.Core.Enrolment.EnrolmentStatus.Confirmed,
            RequestedAt = now,
            ConfirmedAt = now,
            Version = 1,
        }));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}

/// <summary>
/// A minimal SMTP server that accepts everything and keeps nothing (it only counts), so the figures measure the
/// sending side rather than a mail store: 220 greeting, 250 to EHLO/MAIL/RCPT/RSET/NOOP, 354 then 250 for DATA, 221 to QUIT.
/// </summary>
internal sealed class SmtpSink : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private int received;

    public SmtpSink()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int Received => Volatile.Read(ref received);

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    /// <summary>
    /// Acknowledges at once (Linux TCP_QUICKACK, which lapses and is set again after each read): a client that leaves
    /// Nagle's algorithm on would otherwise wait for this side's delayed ACK (about 40 ms) at the end of each message.
    /// </summary>
    private static void QuickAck(TcpClient client)
    {
        if (OperatingSystem.IsLinux())
        {
            client.Client.SetRawSocketOption(6, 12, BitConverter.GetBytes(1));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            // Replies go out at once: with Nagle's algorithm a two-line reply waits for the client's delayed ACK.
            client.NoDelay = true;
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 sink ESMTP");
            var inData = false;
            while (await reader.ReadLineAsync() is { } line)
            {
                QuickAck(client);
                if (inData)
                {
                    if (line == ".")
                    {
                        inData = false;
                        Interlocked.Increment(ref received);
                        await writer.WriteLineAsync("250 OK");
                    }

                    continue;
                }

                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteAsync("250-sink\r\n250 8BITMIME\r\n");
                        break;
                    case "DATA":
                        inData = true;
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }
    }
}
