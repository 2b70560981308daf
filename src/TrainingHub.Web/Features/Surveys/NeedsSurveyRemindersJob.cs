using TrainingHub.Core.Data;
using TrainingHub.Core.Surveys;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Surveys;

/// <summary>Reminds the people asked by a needs survey closing soon who have not answered (see <see cref="RemindNeedsSurveys"/>).</summary>
public sealed class NeedsSurveyRemindersJob(TrainingHubDbContext db, TimeProvider time) : IScheduledJob
{
    public async Task<string> RunAsync(CancellationToken cancellationToken) =>
        JobResult.Of("Queued", await RemindNeedsSurveys.HandleAsync(db, time, cancellationToken));
}
