using Microsoft.Extensions.Localization;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Common;

namespace TrainingHub.Web.Features.Attendance;

/// <summary>An enrolment's outcome reason (stored neutral, see <see cref="CompletionReason"/>) in the reader's language.</summary>
public static class Outcome
{
    public static string? Describe(string? stored, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (CompletionReason.Parse(stored) is not { } r)
        {
            return stored;
        }

        var text = t["Outcome.Attendance", r.AttendancePercent, r.MinPercent].Value;
        return r.RequiredMinutes is { } req ? text + "; " + t["Outcome.Hours", Hours.Format(r.CreditedMinutes), Hours.Format(req)].Value : text;
    }
}
