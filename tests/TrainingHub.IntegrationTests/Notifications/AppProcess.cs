using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>One app process: started with its own instance id and port, killed (with its children) when disposed.</summary>
internal sealed class AppProcess(string instance, string connectionString, int smtpPort, IReadOnlyDictionary<string, string>? settings = null) : IAsyncDisposable
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
        foreach (var job in new[] { "ExpireSeatOffers", "IssueCertificates", "SessionReminders", "MonthlyProgrammes", "ProgressDigests", "ApprovalDigests", "MonthlyReports" })
        {
            env[$"Jobs__{job}__Cron"] = "0 3 1 1 *";
        }

        env["Smtp__Host"] = "127.0.0.1";
        env["Smtp__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture);
        env["Smtp__From"] = "cursos@traininghub.test";
        env["App__PublicUrl"] = "https://traininghub.test";
        // The audit key and checkpoints belong to this test's database (both instances share them), not to the app folder.
        var audit = Path.Combine(Path.GetTempPath(), "th-it-audit-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(connectionString)))[..16]);
        env["Audit__SealingKeyFile"] = Path.Combine(audit, "audit-sealing.key");
        env["Audit__CheckpointFile"] = Path.Combine(audit, "audit-checkpoints.log");
        env["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

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
