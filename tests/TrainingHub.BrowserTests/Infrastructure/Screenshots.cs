using Microsoft.Playwright;

namespace TrainingHub.BrowserTests;

/// <summary>Full-page PNGs named {role}-{page}-{lang}.png, in TH_SCREENSHOTS or the test work directory's screenshots/.</summary>
public static class Screenshots
{
    public static string Directory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("TH_SCREENSHOTS");
            return string.IsNullOrWhiteSpace(configured) ? Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots") : configured;
        }
    }

    public static async Task<string> SaveAsync(IPage page, string role, string screen, string lang)
    {
        ArgumentNullException.ThrowIfNull(page);
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, $"{role}-{screen}-{lang}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
