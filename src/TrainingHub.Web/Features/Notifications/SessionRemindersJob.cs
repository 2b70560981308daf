using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Notifications;

/// <summary>Queues the session reminders that are due (see <see cref="QueueSessionReminders"/>).</summary>
public sealed class SessionRemindersJob(TrainingHubDbContext db, TimeProvider time) : IScheduledJob
{
    public async Task<string> RunAsync(CancellationToken cancellationToken) =>
        JobResult.Of("Queued", await QueueSessionReminders.HandleAsync(db, time, cancellationToken));
}
