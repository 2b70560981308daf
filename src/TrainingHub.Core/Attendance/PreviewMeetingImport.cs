using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Attendance;

/// <summary>
/// Reads a meeting report uploaded for a session and says what importing it would do: matched people with their
/// minutes and resulting status, unmatched and ambiguous lines, malformed lines by line and column. Writes nothing.
/// The session's instructors and administrators in scope.
/// </summary>
public static class PreviewMeetingImport
{
    public static async Task<Result<MeetingImportReport>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int sessionId, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var parsed = ParseMeetingReport.Handle(content);
        return parsed.Succeeded
            ? await MeetingImportPlan.BuildAsync(db, scope, sessionId, parsed.Value!, ct)
            : parsed.Error!;
    }
}
