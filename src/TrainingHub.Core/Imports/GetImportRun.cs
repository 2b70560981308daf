using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Imports;

/// <param name="Percent">0 to 100: checking the rows takes the bar to 90, writing them the rest.</param>
/// <param name="Report">Once finished: what was written, or the row errors (nothing written).</param>
public sealed record ImportRunState(
    Guid Id, string FileName, ImportRunStatus Status, int RowsTotal, int RowsDone, int Percent, string StartedBy, DateTime CreatedAt, DateTime? FinishedAt,
    string? Error, ImportReport? Report, bool InvitationsPending = false)
{
    /// <summary>Failed, or succeeded with the invitations it asked for queued or refused (<see cref="ImportReport.InvitationsRefused"/>).</summary>
    public bool Finished => Status is ImportRunStatus.Failed || (Status is ImportRunStatus.Succeeded && !InvitationsPending);
}

/// <summary>A background import's progress and result, for administrators inside the organisation scope it was started in (others: not found).</summary>
public static class GetImportRun
{
    private const int CheckingShare = 90;

    public static async Task<Result<ImportRunState>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var path = scope.OrganizationPath;
        var run = !scope.IsAdministrator ? null : await db.ImportRuns.AsNoTracking()
            .Where(r => r.Id == id && (path == null || (r.OrganizationPath != null && r.OrganizationPath.StartsWith(path))))
            .Select(r => new { r.Id, r.FileName, r.Status, r.RowsTotal, r.RowsDone, r.UserName, r.CreatedAt, r.FinishedAt, r.Error, r.ReportJson, r.InviteBaseUrl })
            .SingleOrDefaultAsync(ct);
        if (run is null)
        {
            return Error.NotFound("Id", "Import.RunNotFound");
        }

        var percent = run.Status switch
        {
            ImportRunStatus.Queued => 0,
            ImportRunStatus.Running => run.RowsTotal == 0 ? 0 : Math.Min(CheckingShare, CheckingShare * run.RowsDone / run.RowsTotal),
            ImportRunStatus.Writing => CheckingShare,
            _ => 100,
        };
        var report = RunImport.Deserialize(run.ReportJson);
        return Result<ImportRunState>.Ok(new ImportRunState(run.Id, run.FileName, run.Status, run.RowsTotal, run.RowsDone, percent, run.UserName, run.CreatedAt,
            run.FinishedAt, run.Error, report,
            run.Status == ImportRunStatus.Succeeded && run.InviteBaseUrl != null && report is { Invitations: null, InvitationsRefused: null }));
    }
}
