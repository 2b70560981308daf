using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Catalog;

/// <summary>
/// At the start of each month, announces every published webinar series' programme of the month (São Paulo calendar)
/// with <see cref="AnnounceMonthlyProgramme"/>: once per series, month and person, so a second run (or a manual
/// announcement) sends nothing twice. Series without sessions that month are skipped. Returns how many were queued.
/// </summary>
public static class AnnounceMonthlyProgrammes
{
    private static readonly ReaderScope System = new("system", null, new HashSet<string> { Roles.Administrator }, null, null);

    public static async Task<int> HandleAsync(TrainingHubDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var today = SaoPaulo.Today(time);
        var from = SaoPaulo.ToUtc(new DateTime(today.Year, today.Month, 1));
        var to = SaoPaulo.ToUtc(new DateTime(today.Year, today.Month, 1).AddMonths(1));
        var series = await db.WebinarSeries.AsNoTracking()
            .Where(s => s.Status == OfferingStatus.Published && s.Sessions.Any(x => x.Status != SessionStatus.Cancelled && x.StartsAt >= from && x.StartsAt < to))
            .OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        var queued = 0;
        foreach (var id in series)
        {
            var outcome = await AnnounceMonthlyProgramme.HandleAsync(db, System, time, new AnnounceRequest(id, today.Year, today.Month), ct);
            if (outcome.Succeeded)
            {
                queued += outcome.Value!.Queued;
            }
        }

        return queued;
    }
}
