using System.Globalization;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Imports;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Imports;

public sealed record ImportErrorView(int Line, string Column, string Code, string Message);

/// <summary>An import's report as the pages and the API show it: counts, and every row error translated.</summary>
public sealed record ImportReportView(
    Guid ImportId, string FileName, bool Committed, string Format, int Rows, int NewPeople, int UpdatedPeople, int UnchangedPeople,
    int EnrolmentsToCreate, int AlreadyEnrolled, int Confirmed, int Waitlisted, int AwaitingApproval, int RowsWithErrors,
    IReadOnlyList<string> Columns, IReadOnlyList<string> IgnoredColumns, IReadOnlyList<ImportErrorView> Errors)
{
    /// <summary>When the commit also invited the file's people: how many invitations were queued and who was skipped.</summary>
    public InvitationReport? Invitations { get; init; }

    /// <summary>When inviting was refused after the import was written: why, and what to do next (translated); the run ends there.</summary>
    public string? InvitationsFailed { get; init; }

    public static ImportReportView From(Guid id, string fileName, ImportReport r, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(id, fileName, r.Committed, r.Format, r.Rows, r.NewPeople, r.UpdatedPeople, r.UnchangedPeople, r.EnrolmentsToCreate, r.AlreadyEnrolled,
            r.Confirmed, r.Waitlisted, r.AwaitingApproval, r.RowsWithErrors, r.Columns, r.IgnoredColumns,
            r.Errors.Select(e => new ImportErrorView(e.Line, e.Column, e.Code, ImportText.Message(e.Code, e.Args, t))).ToList())
        {
            Invitations = r.Invitations,
            InvitationsFailed = r.InvitationsRefused is { } refused ? t["Import.InvitationsRefused", ImportText.Message(refused.Code, refused.Args, t)].Value : null,
        };
    }
}

public sealed record ImportIndexViewModel(IReadOnlyList<string> Errors);

/// <summary>A background import as the API answers it: status, progress, who started it, and its report once finished.</summary>
public sealed record ImportRunStatusView(
    Guid Id, string FileName, string Status, int Percent, int RowsTotal, int RowsDone, string StartedBy, DateTime CreatedAt, DateTime? FinishedAt,
    bool Finished, string? Error, ImportReportView? Report)
{
    public static ImportRunStatusView From(ImportRunState s, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.FileName, s.Status.ToString(), s.Percent, s.RowsTotal, s.RowsDone, s.StartedBy, s.CreatedAt, s.FinishedAt, s.Finished,
            s.Error is null ? null : t["Import.Run.Failed", s.Error].Value, s.Report is { } r ? ImportReportView.From(s.Id, s.FileName, r, t) : null);
    }
}

/// <summary>The progress page of a background import and the figures its script polls: the bar's percent and the line under it.</summary>
public sealed record ImportRunView(Guid Id, string FileName, string Rows, string Status, int Percent, string Text, bool Finished, string? Error)
{
    public static ImportRunView From(ImportRunState s, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(t);
        var (done, total) = (s.RowsDone.ToString("N0", CultureInfo.CurrentCulture), s.RowsTotal.ToString("N0", CultureInfo.CurrentCulture));
        var text = s.Status switch
        {
            ImportRunStatus.Queued => t["Import.Run.Queued"].Value,
            ImportRunStatus.Running => t["Import.Run.Checking", done, total].Value,
            ImportRunStatus.Writing => t["Import.Run.Writing", total].Value,
            ImportRunStatus.Succeeded when s.Report?.InvitationsRefused is not null => t["Import.Run.InvitationsFailed"].Value,
            ImportRunStatus.Succeeded => t["Import.Run.Succeeded"].Value,
            _ => t["Import.Run.Failed", s.Error ?? ""].Value,
        };
        return new(s.Id, s.FileName, total, s.Status.ToString(), s.Percent, text, s.Finished, s.Error is null ? null : t["Import.Run.Failed", s.Error].Value);
    }
}

public sealed record ImportPreviewViewModel(ImportReportView Report, Page<ImportErrorView> Errors, PagerModel Pager, bool CommitFailed);

public sealed record EnrolOrganizationForm(int? OfferingId, int? OrganizationId, bool IncludeSubOrganizations, bool Invite = false);

public sealed record EnrolOrganizationViewModel(
    EnrolOrganizationForm Form, IReadOnlyList<(int Id, string Name)> Offerings, IReadOnlyList<(int Id, string Name)> Organizations,
    EnrolOrganizationReport? Result, IReadOnlyList<(string Reason, int Count)> IneligibleReasons);

public static class ImportText
{
    /// <summary>Translates a message key; arguments that are message keys themselves (an eligibility reason) are translated first.</summary>
    public static string Message(string code, object[] args, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var translated = args.Select(a => a is string s && t[s] is { ResourceNotFound: false } inner ? inner.Value : a).ToArray();
        return t[code, translated].Value;
    }
}
