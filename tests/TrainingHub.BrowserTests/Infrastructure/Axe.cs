using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Playwright;

namespace TrainingHub.BrowserTests;

/// <summary>Runs axe-core (from assets/node_modules, installed by npm) in the page and fails on serious or critical violations.</summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(LoadSource);
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var violations = await RunAsync(page);
        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (serious.Count > 0)
        {
            Assert.Fail($"axe found {serious.Count} serious or critical violation(s) on {page.Url}:{Environment.NewLine}{Describe(serious)}");
        }

        if (violations.Count > 0)
        {
            TestContext.Out.WriteLine($"axe: minor or moderate violations on {page.Url}:{Environment.NewLine}{Describe(violations)}");
        }
    }

    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        // The app's CSP forbids inline scripts, so axe is evaluated through the DevTools protocol rather than a script tag.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        var json = await page.EvaluateAsync<string>("async () => JSON.stringify((await axe.run()).violations)");
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, Json) ?? [];
    }

    private static string Describe(IEnumerable<AxeViolation> violations)
    {
        var text = new StringBuilder();
        foreach (var v in violations)
        {
            text.AppendLine($"- [{v.Impact}] {v.Id}: {v.Help} ({v.HelpUrl})");
            foreach (var node in v.Nodes)
            {
                text.AppendLine($"    at {string.Join(" ", node.Target.Select(t => t.ToString()))}: {node.Html}");
                if (!string.IsNullOrWhiteSpace(node.FailureSummary))
                {
                    text.AppendLine("      " + node.FailureSummary.ReplaceLineEndings(Environment.NewLine + "      "));
                }
            }
        }

        return text.ToString();
    }

    private static string LoadSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "assets", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        throw new FileNotFoundException("assets/node_modules/axe-core/axe.min.js not found: run `npm ci` in assets/ (building TrainingHub.Web does it).");
    }
}

public sealed record AxeViolation(string Id, string? Impact, string Help, string HelpUrl, IReadOnlyList<AxeNode> Nodes);

public sealed record AxeNode(string Html, [property: JsonPropertyName("target")] IReadOnlyList<JsonElement> Target, string? FailureSummary);
