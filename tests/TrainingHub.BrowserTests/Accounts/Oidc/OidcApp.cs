using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace TrainingHub.BrowserTests.Accounts.Oidc;

/// <summary>
/// A second app (demo data, its own SQLite file) whose sign-in page offers gov.br, pointed at the real OpenID Connect
/// server test.sh starts (oidc-provider, TH_TEST_OIDC_URL). The app's port is chosen first, so its callback address
/// can be registered with the provider (dynamic client registration) before the app starts with the client's id and
/// secret, as an installation would be configured.
/// </summary>
[SetUpFixture]
public sealed class OidcApp
{
    private static WebApplicationFactory<Program>? factory;
    private static string? dataDirectory;

    public static Uri BaseAddress { get; private set; } = null!;

    public static Uri Provider { get; private set; } = null!;

    public static IServiceProvider Services => factory?.Services ?? throw new InvalidOperationException("The OpenID Connect test app has not started.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var provider = Environment.GetEnvironmentVariable("TH_TEST_OIDC_URL");
        if (string.IsNullOrEmpty(provider))
        {
            Assert.Ignore("TH_TEST_OIDC_URL is not set: run ./test.sh, which starts the OpenID Connect server (tests/oidc-provider) these tests sign in against.");
        }

        Provider = new Uri(provider.TrimEnd('/') + "/");
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient();
        using var registration = await http.PostAsJsonAsync(new Uri(Provider, "reg"), new
        {
            redirect_uris = new[] { new Uri(BaseAddress, "signin-oidc").ToString() },
            token_endpoint_auth_method = "client_secret_post",
            grant_types = new[] { "authorization_code" },
            response_types = new[] { "code" },
            client_name = "TrainingHub browser tests",
        });
        var body = await registration.Content.ReadAsStringAsync();
        registration.IsSuccessStatusCode.ShouldBeTrue($"the provider registered the test client: {body}");
        using var client = JsonDocument.Parse(body);

        dataDirectory = Path.Combine(Path.GetTempPath(), "th-browser-oidc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        factory = new Factory(new Dictionary<string, string>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(dataDirectory, "th.db")}",
            ["Demo:Enabled"] = "true",
            ["Jobs:Enabled"] = "false",
            ["Admin:Email"] = "",
            ["Admin:Password"] = "",
            ["Audit:SealingKeyFile"] = Path.Combine(dataDirectory, "audit-sealing.key"),
            ["Audit:CheckpointFile"] = Path.Combine(dataDirectory, "audit-checkpoints.log"),
            ["Oidc:Enabled"] = "true",
            ["Oidc:Authority"] = Provider.ToString().TrimEnd('/'),
            ["Oidc:ClientId"] = client.RootElement.GetProperty("client_id").GetString()!,
            ["Oidc:ClientSecret"] = client.RootElement.GetProperty("client_secret").GetString()!,
            ["Oidc:RequireHttpsMetadata"] = "false",
        });
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        factory.StartServer();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (dataDirectory is not null && Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private sealed class Factory(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
