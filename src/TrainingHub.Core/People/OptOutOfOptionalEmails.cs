using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.People;

/// <summary>
/// One-click unsubscribe: the person stops receiving non-essential messages (programmes, digests); enrolment and
/// certificate messages keep coming. Safe to repeat. The change is audited by the SaveChanges interceptor.
/// </summary>
public static class OptOutOfOptionalEmails
{
    /// <summary>False when there is no such person (or their data was anonymised); nothing changes then.</summary>
    public static async Task<bool> HandleAsync(TrainingHubDbContext db, int personId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.AnonymizedAt == null, ct);
        if (person is null)
        {
            return false;
        }

        if (person.ReceivesOptionalEmails)
        {
            person.ReceivesOptionalEmails = false;
            await db.SaveChangesAsync(ct);
        }

        return true;
    }
}
