using System.Security.Cryptography;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Attendance;

/// <summary>
/// Writes a meeting report's attendance, all or nothing: re-reads and re-checks the file (nothing from the preview is
/// trusted); a malformed line writes nothing. The matched people's rows are saved through <see cref="SaveRoster"/> (one
/// transaction, one audit entry per changed row with the file named as the reason, completion and at-risk evaluated as
/// for any roster save), with source Import. Importing the same file again changes nothing.
/// </summary>
public static class CommitMeetingImport
{
    public static async Task<Result<MeetingImportReport>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, IAuditActor actor,
        int sessionId, string fileName, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var planned = await PreviewMeetingImport.HandleAsync(db, scope, sessionId, content, ct);
        if (!planned.Succeeded)
        {
            return planned;
        }

        var report = planned.Value!;
        if (!report.CanCommit)
        {
            return Result<MeetingImportReport>.Ok(report);
        }

        var entries = report.Matched
            .Select(m => new RosterEntry(m.PersonId, m.Status, m.Status == AttendanceStatus.Partial ? m.Minutes : null)).ToList();
        var hash = Convert.ToHexString(SHA256.HashData(content.Span))[..12];
        var reason = $"meeting-report import: {Path.GetFileName(fileName)} (sha256 {hash})";
        var saved = await SaveRoster.HandleAsync(db, scope, time, actor, new SaveRosterRequest(sessionId, entries, reason, AttendanceSource.Import), ct);
        if (!saved.Succeeded)
        {
            return saved.Error!;
        }

        var o = saved.Value!;
        return Result<MeetingImportReport>.Ok(report with { Committed = true, Added = o.Added, Changed = o.Changed, Unchanged = o.Unchanged });
    }
}
