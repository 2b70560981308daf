using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// What a job's run did, kept by the scheduler in a neutral form ("Queued:3", "Broken:17:Altered") and written on the
/// jobs page in the reader's language with real plural forms ("Outbox.JobResult.*"). A result in any other form (an
/// older run's) is shown as it was stored.
/// </summary>
public static partial class JobResult
{
    public static string Of(string kind, long count) => string.Create(CultureInfo.InvariantCulture, $"{kind}:{count}");

    public static string Dispatch(int sent, int retried, int dead, int cancelled) =>
        string.Create(CultureInfo.InvariantCulture, $"Dispatch:{sent}:{retried}:{dead}:{cancelled}");

    public static string Describe(string? result, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (result is not null && Dispatched().Match(result) is { Success: true } d)
        {
            return t["Outbox.JobResult.Dispatch", d.Groups[1].Value, d.Groups[2].Value, d.Groups[3].Value, d.Groups[4].Value].Value;
        }

        if (result is null || Neutral().Match(result) is not { Success: true } m)
        {
            return result ?? "";
        }

        var kind = m.Groups[1].Value;
        var count = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        if (kind == "Broken" && m.Groups[3].Success)
        {
            return t["Audit.Verify.Problem." + m.Groups[3].Value, count].Value;
        }

        var text = t.Count("Outbox.JobResult." + kind, count);
        return text.ResourceNotFound ? result : text.Value;
    }

    [GeneratedRegex(@"^([A-Za-z]+):(\d{1,9})(?::([A-Za-z]+))?$")]
    private static partial Regex Neutral();

    [GeneratedRegex(@"^Dispatch:(\d+):(\d+):(\d+):(\d+)$")]
    private static partial Regex Dispatched();
}
