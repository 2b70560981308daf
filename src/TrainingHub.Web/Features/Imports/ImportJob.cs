using Hangfire;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Data;
using TrainingHub.Core.Imports;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Imports;

/// <summary>
/// Commits one queued import in the background (fire-and-forget on the <c>imports</c> queue, enqueued when an
/// administrator confirms a preview). Hangfire retries it after a failure or a worker that died; <see cref="RunImport"/>
/// makes any retry or duplicate safe (one transaction, the run marked done inside it, a run in progress left alone).
/// </summary>
public sealed class ImportJob(TrainingHubDbContext db, TimeProvider time, IAuditActor actor, InvitationSettings invitations)
{
    public const string Queue = "imports";

    [Queue(Queue)]
    [AutomaticRetry(Attempts = RunImport.MaxAttempts - 1, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Import {0}")]
    public Task RunAsync(Guid id, CancellationToken cancellationToken) =>
        RunImport.HandleAsync(db, time, id, (userId, name) => (actor as HttpAuditActor)?.ActFor(userId, name), cancellationToken,
            (scope, people, url) => InvitePeople.HandleAsync(db, scope, actor, time, invitations, url, people, InvitationSource.Import, resend: false, cancellationToken));

    public static void Enqueue(IBackgroundJobClient jobs, Guid id)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        jobs.Enqueue<ImportJob>(j => j.RunAsync(id, CancellationToken.None));
    }
}
