using Microsoft.Extensions.Options;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// This instance's outbox dispatcher: every <c>Jobs:DispatchOutbox:IntervalSeconds</c> it sends due rows (see
/// <see cref="DispatchOutbox"/>), batch after batch while there are any. Each instance runs one; their conditional
/// claims keep any row from being sent by two.
/// </summary>
public sealed class OutboxDispatcherService(IServiceScopeFactory scopes, IOptions<DispatchLoopOptions> loop, IOptions<JobsOptions> jobs, TimeProvider time, JobResults results,
    MailServerStatus mailServer, ILogger<OutboxDispatcherService> log) : BackgroundService
{
    public const string Name = "DispatchOutbox";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(loop.Value.IntervalSeconds);
        var instance = jobs.Value.Instance;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await results.RunAsync(Name, time, async () =>
                {
                    int sent = 0, retried = 0, dead = 0, cancelled = 0;
                    string? unavailable = null;
                    DispatchOutcome outcome;
                    do
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        var sp = scope.ServiceProvider;
                        outcome = await DispatchOutbox.HandleAsync(sp.GetRequiredService<TrainingHubDbContext>(), sp.GetRequiredService<IEmailSender>(), time,
                            sp.GetRequiredService<DispatchSettings>(), instance, stoppingToken);
                        (sent, retried, dead, cancelled) = (sent + outcome.Sent, retried + outcome.Retried, dead + outcome.DeadLettered, cancelled + outcome.Cancelled);
                        unavailable ??= outcome.Unavailable;
                    }
                    while (outcome.Sent > 0 && outcome.Retried == 0 && !stoppingToken.IsCancellationRequested);

                    if (unavailable is not null && sent == 0)
                    {
                        // Said once, as a warning, when the server goes away (and shown on the administrator's home); the
                        // runs that follow while it stays away wait quietly instead of repeating "0 sent, 50 to retry".
                        if (mailServer.MarkUnreachable(unavailable, time.GetUtcNow().UtcDateTime))
                        {
                            log.LogWarning("The SMTP server cannot be reached ({Error}); messages wait in the outbox and are retried with backoff", unavailable);
                        }

                        log.LogDebug("Outbox: {Retried} to retry, {Dead} dead-lettered while the SMTP server cannot be reached", retried, dead);
                        return $"SMTP unreachable: {retried} retry, {dead} dead letter";
                    }

                    if (sent > 0 && mailServer.MarkReachable())
                    {
                        log.LogInformation("The SMTP server is reachable again");
                    }

                    if (sent + retried + dead + cancelled > 0)
                    {
                        log.LogInformation("Outbox: {Sent} sent, {Retried} to retry, {Dead} dead-lettered, {Cancelled} cancelled", sent, retried, dead, cancelled);
                    }

                    return JobResult.Dispatch(sent, retried, dead, cancelled);
                });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Outbox dispatch failed; trying again in {Interval}", interval);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
