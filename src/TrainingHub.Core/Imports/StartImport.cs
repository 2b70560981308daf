using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Imports;

/// <summary>
/// Queues a previewed file to be committed in the background by <see cref="RunImport"/>: the same file checks as a
/// commit, then the file stored with who started it and their organisation scope. The caller enqueues the job with the
/// returned id; nothing else is written until the job runs.
/// </summary>
public static class StartImport
{
    public static async Task<Result<Guid>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, IAuditActor actor, TimeProvider time, string fileName, ReadOnlyMemory<byte> content, CancellationToken ct, string? inviteBaseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(time);
        var parsed = ParseImportFile.Handle(content);
        if (!parsed.Succeeded)
        {
            return parsed.Error!;
        }

        if (!scope.IsAdministrator)
        {
            return Error.Forbidden("File", "Import.NotAllowed");
        }

        var run = new ImportRun
        {
            Id = Guid.NewGuid(),
            FileName = Path.GetFileName(fileName),
            Content = content.ToArray(),
            UserId = scope.UserId,
            UserName = actor.Name,
            OrganizationId = scope.OrganizationId,
            OrganizationPath = scope.OrganizationPath,
            Status = ImportRunStatus.Queued,
            RowsTotal = parsed.Value!.Rows.Count,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            InviteBaseUrl = inviteBaseUrl,
        };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return Result<Guid>.Ok(run.Id);
    }
}
