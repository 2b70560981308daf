using Microsoft.Extensions.Localization;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Common;
using TrainingHub.Web.Features.Imports;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Attendance;

public sealed record MeetingImportIssueView(int Line, string Name, string Email, string Code, string Message);

public sealed record MeetingImportErrorView(int Line, string Column, string Code, string Message);

/// <summary>A meeting-report import as the pages and the API show it: matched people, skipped lines and malformed lines, translated.</summary>
public sealed record MeetingImportView(
    Guid ImportId, string FileName, int SessionId, string Session, string Offering, DateTime StartsAt, DateTime EndsAt, int SessionMinutes, bool SessionClosed,
    string Format, int Rows, bool CanCommit, bool Committed, int Added, int Changed, int Unchanged,
    IReadOnlyList<MeetingImportMatch> Matched, IReadOnlyList<MeetingImportIssueView> Unmatched, IReadOnlyList<MeetingImportIssueView> Ambiguous,
    IReadOnlyList<MeetingImportErrorView> Errors)
{
    public static MeetingImportView From(Guid id, string fileName, MeetingImportReport r, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(r);
        MeetingImportIssueView Issue(MeetingImportIssue i) => new(i.Line, i.Name, i.Email, i.Code, ImportText.Message(i.Code, i.Args, t));
        return new(id, fileName, r.SessionId, r.Session, r.Offering, r.StartsAt, r.EndsAt, r.SessionMinutes, r.SessionClosed, r.Format, r.Rows, r.CanCommit,
            r.Committed, r.Added, r.Changed, r.Unchanged, r.Matched, r.Unmatched.Select(Issue).ToList(), r.Ambiguous.Select(Issue).ToList(),
            r.Errors.Select(e => new MeetingImportErrorView(e.Line, e.Column, e.Code, ImportText.Message(e.Code, e.Args, t))).ToList());
    }
}

public sealed record MeetingImportIndexViewModel(int SessionId, string Session, string Offering, IReadOnlyList<string> Errors);

public sealed record JustifyViewModel(JustifyModel Model, string? Note, int MaxMegabytes);

public sealed record JustificationQueueViewModel(Page<JustificationRow> Page, JustificationFilter Filter, PagerModel Pager);

public sealed record AtRiskViewModel(Page<AtRiskRow> Page, AtRiskFilter Filter, PagerModel Pager);

/// <summary>At-risk details (stored neutral) in the reader's language.</summary>
public static class AtRiskText
{
    public static string Describe(AtRiskCondition condition, string detail, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(detail);
        if (condition == AtRiskCondition.CannotReachMinimum)
        {
            var v = detail.Split(';').Select(x => x.Split('=')).Where(x => x.Length == 2)
                .ToDictionary(x => x[0], x => int.TryParse(x[1], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0, StringComparer.Ordinal);
            return t["AtRisk.Detail.CannotReachMinimum", Hours.Format(v.GetValueOrDefault("possible")), Hours.Format(v.GetValueOrDefault("needed")), v.GetValueOrDefault("min")].Value;
        }

        return t["AtRisk.Detail.ConsecutiveAbsences"].Value;
    }
}
