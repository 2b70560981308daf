using TrainingHub.Core.Audit;
using TrainingHub.Core.Data;

namespace TrainingHub.Web.Features.Audit;

/// <summary>
/// This instance's audit sealer (<see cref="SealAuditEntries"/>): every <c>Audit:SealIntervalMilliseconds</c> it seals
/// what was committed since, batch after batch while there is any, and writes a checkpoint outside the database every
/// <c>Audit:CheckpointSeconds</c> while the chain grows. Every instance runs one; the chain head's row lock lets one
/// seal at a time. <c>Audit:Sealer:Enabled=false</c> turns it off in this process (the entries then wait for another).
/// </summary>
public sealed class AuditSealerService(IServiceScopeFactory scopes, AuditSealing sealing, TimeProvider time, ILogger<AuditSealerService> log) : BackgroundService
{
    private static readonly TimeSpan BatchPause = TimeSpan.FromMilliseconds(50);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (sealing.KeyGenerated)
        {
            log.LogWarning("Audit sealing key generated at {KeyFile}: keep a copy apart from the database and its backups (set Audit:SealingKey or Audit:SealingKeyFile to use your own)", sealing.KeySource);
        }
        else
        {
            log.LogInformation("Audit sealing key read from {KeySource}", sealing.KeySource);
        }

        log.LogInformation("Audit checkpoints are appended to {CheckpointFile}", Path.GetFullPath(sealing.CheckpointFile));
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastCheckpoint = DateTime.MinValue;
        var refusedBefore = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                SealOutcome outcome;
                var first = true;
                do
                {
                    // Between back-to-back batches (a large import's entries), a pause leaves the database's writer
                    // lock to short work: on SQLite a waiting writer otherwise loses the race to the next batch.
                    if (!first)
                    {
                        await Task.Delay(BatchPause, stoppingToken);
                    }

                    first = false;
                    await using var scope = scopes.CreateAsyncScope();
                    outcome = await SealAuditEntries.HandleAsync(scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>(), sealing, time, stoppingToken);
                    if (outcome.Refused && !refusedBefore)
                    {
                        log.LogError("Audit sealing refused: the chain no longer contains the end this instance sealed or checkpointed (sequence {Sequence}); verify the audit trail", sealing.Anchor?.Sequence);
                    }

                    refusedBefore = outcome.Refused;
                }
                while (outcome.Sealed >= sealing.BatchSize && !stoppingToken.IsCancellationRequested);

                if (DateTime.UtcNow - lastCheckpoint >= sealing.CheckpointEvery && !refusedBefore)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await AuditCheckpoints.WriteAsync(scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>(), sealing, time, log, stoppingToken);
                    lastCheckpoint = DateTime.UtcNow;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Audit sealing failed; trying again in {Interval}", sealing.Interval);
            }

            try
            {
                await Task.Delay(sealing.Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
