using System.Net.Http.Json;
using System.Text.Json;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>
/// The maildev SMTP server test.sh starts (TH_TEST_SMTP_PORT, TH_TEST_MAILDEV_URL): what it received, read over its
/// HTTP API. Tests skip, saying why, when it is not running.
/// </summary>
public sealed class MailDev : IDisposable
{
    private readonly HttpClient http;

    private MailDev(int smtpPort, string url)
    {
        SmtpPort = smtpPort;
        http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int SmtpPort { get; }

    public static MailDev Require()
    {
        var port = Environment.GetEnvironmentVariable("TH_TEST_SMTP_PORT");
        var url = Environment.GetEnvironmentVariable("TH_TEST_MAILDEV_URL");
        if (string.IsNullOrEmpty(port) || string.IsNullOrEmpty(url))
        {
            Assert.Ignore("TH_TEST_SMTP_PORT / TH_TEST_MAILDEV_URL are not set: run ./test.sh, which starts a maildev SMTP server for these tests.");
        }

        return new MailDev(int.Parse(port!, System.Globalization.CultureInfo.InvariantCulture), url!);
    }

    /// <summary>
    /// The messages maildev holds for the address. maildev stores a message a moment after the SMTP exchange ends, so
    /// this waits (up to 10 s) until <paramref name="expected"/> have arrived, then a little longer to let any unwanted
    /// extra (a duplicate, a message that should not exist) show up too.
    /// </summary>
    public async Task<List<JsonElement>> ForAsync(string address, int expected = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var found = await ReadAsync(address);
        while (found.Count < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            found = await ReadAsync(address);
        }

        await Task.Delay(300);
        return await ReadAsync(address);
    }

    /// <summary>Everything maildev holds (every test's mail): for tests that look at many addresses at once.</summary>
    public async Task<List<JsonElement>> AllAsync() => (await http.GetFromJsonAsync<JsonElement>("email")).EnumerateArray().ToList();

    private async Task<List<JsonElement>> ReadAsync(string address)
    {
        var all = await http.GetFromJsonAsync<JsonElement>("email");
        return all.EnumerateArray()
            .Where(e => e.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    /// <summary>The bytes of one attachment of a received message, exactly as they arrived.</summary>
    public Task<byte[]> AttachmentAsync(JsonElement message, string fileName) =>
        http.GetByteArrayAsync($"email/{message.GetProperty("id").GetString()}/attachment/{Uri.EscapeDataString(fileName)}");

    public void Dispose() => http.Dispose();
}
