using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Enrolment.Messages;
using TrainingHub.Core.Notifications;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>
/// Two real app processes (the built TrainingHub.Web.dll run with <c>dotnet</c>), each with its own instance id, on one
/// PostgreSQL database and one SMTP server, both dispatching: every queued message arrives exactly once, and both
/// processes send some. PostgreSQL only: SQLite is one file for one process (and Quartz cannot cluster on it).
/// </summary>
public sealed class TwoInstanceDeliveryTests(string provider) : MailFixture(provider)
{
    private const int Messages = 200;

    protected override string? Isolation => "two-instances";

    [Test]
    [CancelAfter(180_000)]
    public async Task Two_processes_on_one_database_deliver_every_message_exactly_once_and_share_the_work()
    {
        if (ProviderName != "Postgres")
        {
            Assert.Ignore("Two app processes share one database only on PostgreSQL: a SQLite file belongs to one process, and Quartz does not cluster on it.");
        }

        var clock = Stopwatch.StartNew();
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var a = new AppProcess("proc-a-" + run, App.ConnectionString, Mail.SmtpPort);
        await using var b = new AppProcess("proc-b-" + run, App.ConnectionString, Mail.SmtpPort);
        // One after the other: the first creates Quartz's tables, the second finds them.
        await a.StartAsync();
        await b.StartAsync();
        TestContext.Out.WriteLine($"both processes ready after {clock.Elapsed.TotalSeconds:F1} s");

        var keys = Enumerable.Range(0, Messages).Select(i => $"two-instances:{run}:{i:D3}").ToList();
        await App.WithDbAsync(async db =>
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < Messages; i++)
            {
                var message = new EnrolmentConfirmed($"Pessoa {i}", "Turma distribuída", "TD-1", new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 30));
                Outbox.Add(db, null, $"two.{run}.{i:D3}@example.gov.br", Languages.Portuguese, keys[i], message, now);
            }

            return await db.SaveChangesAsync();
        });

        var deadline = DateTime.UtcNow.AddSeconds(90);
        var sent = 0;
        while (DateTime.UtcNow < deadline && sent < Messages)
        {
            await Task.Delay(250);
            sent = await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => keys.Contains(m.IdempotencyKey) && m.Status == OutboxStatus.Sent));
        }

        TestContext.Out.WriteLine($"{sent} sent after {clock.Elapsed.TotalSeconds:F1} s");
        sent.ShouldBe(Messages, $"sent by the two processes within 90 s\n--- a ---\n{a.Output}\n--- b ---\n{b.Output}");

        // maildev stores each message a moment after its SMTP exchange: wait for all, then a little longer for any duplicate.
        var expected = keys.ToDictionary(k => DispatchOutbox.MessageId(k, "traininghub.test").Trim('<', '>'), _ => 0);
        List<string> ids = [];
        for (var i = 0; i < 40 && ids.Count < Messages; i++)
        {
            await Task.Delay(250);
            ids = await MessageIdsAsync(run);
        }

        await Task.Delay(1000);
        ids = await MessageIdsAsync(run);
        foreach (var id in ids)
        {
            expected.ContainsKey(id).ShouldBeTrue($"unexpected Message-ID {id}");
            expected[id]++;
        }

        expected.Where(e => e.Value != 1).Select(e => $"{e.Key}: {e.Value}").ShouldBeEmpty("every key arrives exactly once");

        // The history says who sent what: both processes took part, and each message was sent by exactly one attempt.
        var attempts = await App.WithDbAsync(db => db.OutboxAttempts.AsNoTracking()
            .Where(x => db.OutboxMessages.Any(m => m.Id == x.OutboxMessageId && keys.Contains(m.IdempotencyKey)) && x.Outcome == OutboxAttemptOutcome.Sent)
            .Select(x => new { x.OutboxMessageId, x.Instance }).ToListAsync());
        attempts.Count.ShouldBe(Messages);
        attempts.Select(x => x.OutboxMessageId).Distinct().Count().ShouldBe(Messages);
        var byInstance = attempts.GroupBy(x => x.Instance).ToDictionary(g => g.Key, g => g.Count());
        byInstance.Keys.ShouldBe([a.Instance, b.Instance], ignoreOrder: true, string.Join(", ", byInstance.Select(kv => $"{kv.Key}={kv.Value}")));
        TestContext.Out.WriteLine(string.Join(", ", byInstance.Select(kv => $"{kv.Key} sent {kv.Value}")));
    }

    private async Task<List<string>> MessageIdsAsync(string run) => (await Mail.AllAsync())
        .Where(m => m.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString()!.StartsWith($"two.{run}.", StringComparison.Ordinal)))
        .Select(m => m.GetProperty("messageId").GetString()!.Trim('<', '>'))
        .ToList();

    /// <summary>One app process: started with its own instance id and port, killed (with its children) when disposed.</summary>
    private sealed class AppProcess(string instance, string connectionString, int smtpPort) : IAsyncDisposable
    {
        private readonly StringBuilder output = new();
        private readonly int port = FreePort();
        private Process? process;

        public string Instance => instance;

        public string Output
        {
            get
            {
                lock (output)
                {
                    var text = output.ToString();
                    return text.Length <= 4000 ? text : text[^4000..];
                }
            }
        }

        public async Task StartAsync()
        {
            var web = WebDirectory();
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = web.ContentRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(Path.Combine(web.Bin, "TrainingHub.Web.dll"));
            var env = info.Environment;
            env["ASPNETCORE_ENVIRONMENT"] = "Testing";
            env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            env["Database__Provider"] = "Postgres";
            env["Database__ConnectionString"] = connectionString;
            env["Demo__Enabled"] = "false";
            env["Jobs__Enabled"] = "true";
            env["Jobs__InstanceId"] = instance;
            env["Jobs__DispatchOutbox__IntervalSeconds"] = "0.2";
            env["Outbox__BatchSize"] = "10";
            // The other jobs stay out of the way of this test.
            foreach (var job in new[] { "ExpireSeatOffers", "SessionReminders", "MonthlyProgrammes", "ProgressDigests", "ApprovalDigests" })
            {
                env[$"Jobs__{job}__Cron"] = "0 0 3 1 1 ? 2099";
            }

            env["Smtp__Host"] = "127.0.0.1";
            env["Smtp__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture);
            env["Smtp__From"] = "cursos@traininghub.test";
            env["App__PublicUrl"] = "https://traininghub.test";
            env["Logging__LogLevel__Default"] = "Warning";
            process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                process.HasExited.ShouldBeFalse($"{instance} exited with {(process.HasExited ? process.ExitCode : 0)}:\n{Output}");
                try
                {
                    if ((await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"))).StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Starting slowly.
                }

                await Task.Delay(200);
            }

            Assert.Fail($"{instance} was not ready within 30 s:\n{Output}");
        }

        public async ValueTask DisposeAsync()
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process?.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var p = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return p;
        }

        /// <summary>The web project (its content root) and its build output in this test run's configuration.</summary>
        private static (string ContentRoot, string Bin) WebDirectory()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TrainingHub.sln")))
            {
                dir = dir.Parent;
            }

            dir.ShouldNotBeNull("the repository root (TrainingHub.sln) above the test binaries");
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var root = Path.Combine(dir.FullName, "src", "TrainingHub.Web");
            var bin = Path.Combine(root, "bin", configuration, "net10.0");
            File.Exists(Path.Combine(bin, "TrainingHub.Web.dll")).ShouldBeTrue($"built web app in {bin}");
            return (root, bin);
        }
    }
}
