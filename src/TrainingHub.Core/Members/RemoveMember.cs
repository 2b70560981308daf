using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Members;

/// <summary>
/// Removes a person from a programme the administrator's scope owns. Their enrolments, hours and certificates stay;
/// only "members of the programme" eligibility and the target tracking stop counting them. Audited.
/// </summary>
public static class RemoveMember
{
    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int programmeId, int personId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.IsAdministrator)
        {
            return Error.Forbidden("", "Members.NotAllowed");
        }

        var member = await db.ProgrammeMembers.Where(m => m.ProgrammeId == programmeId && m.PersonId == personId)
            .Where(m => db.Programmes.InScope(scope).Any(p => p.Id == m.ProgrammeId))
            .SingleOrDefaultAsync(ct);
        if (member is null)
        {
            return Error.NotFound("", "Members.NotFound");
        }

        db.ProgrammeMembers.Remove(member);
        await db.SaveChangesAsync(ct);
        return Result<int>.Ok(personId);
    }
}
