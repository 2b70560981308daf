using Microsoft.Extensions.Options;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// A thin scheduling shell: once a minute, lapse expired seat offers and pass the seats on (the work and its safety
/// on several instances live in <see cref="ExpireSeatOffers"/>). The scheduler issue moves this onto Quartz.
/// </summary>
public sealed class SeatOfferExpiry(IServiceScopeFactory scopes, TimeProvider time, ILogger<SeatOfferExpiry> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sp = scope.ServiceProvider;
                var expired = await ExpireSeatOffers.HandleAsync(sp.GetRequiredService<TrainingHubDbContext>(), time, sp.GetRequiredService<IOptions<EnrolmentOptions>>(), stoppingToken);
                if (expired > 0)
                {
                    log.LogInformation("{Count} seat offer(s) expired and passed on", expired);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Seat offer expiry failed; it runs again in a minute");
            }
        }
    }
}
