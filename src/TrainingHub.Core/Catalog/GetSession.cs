using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Catalog;

/// <summary>One session the reader may see.</summary>
public static class GetSession
{
    public static Task<SessionRow?> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Sessions.AsNoTracking().InScope(scope).Where(s => s.Id == id)
            .Select(s => new SessionRow(s.Id, s.Title, s.StartsAt, s.EndsAt, s.CreditedMinutes, s.Place, s.StreamUrl, s.Status))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>The offering a session belongs to, when the reader may see it.</summary>
    public static async Task<int?> OfferingOfAsync(TrainingHubDbContext db, ReaderScope scope, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Sessions.AsNoTracking().InScope(scope).Where(s => s.Id == id).Select(s => (int?)s.OfferingId).SingleOrDefaultAsync(ct);
    }
}
