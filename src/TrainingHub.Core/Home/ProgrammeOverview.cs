using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Core.Home;

public sealed record ProgrammeSummary(int Id, string Code, string Name, string Owner, int? TargetMinutes, int Offerings, int Participants, int CreditedMinutes, int ParticipantsAtTarget);

public sealed record MonthHours(int Month, int CreditedMinutes);

public sealed record ProgrammeOverviewModel(int Year, int PeopleInScope, int CreditedMinutes, IReadOnlyList<ProgrammeSummary> Programmes, IReadOnlyList<MonthHours> ByMonth);

/// <summary>
/// The administrator's and auditor's home: for this year, each programme with its participants and credited hours
/// among the people in the reader's scope and the participants of the programmes they own, and hours per month.
/// Totals are sums of the same attendance rows.
/// </summary>
public static class ProgrammeOverview
{
    public static async Task<ProgrammeOverviewModel> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var year = SaoPaulo.Today(time).Year;
        var people = db.People.InScope(scope).Select(p => p.Id);
        var owned = db.Offerings.InScope(scope).Select(o => o.Id);
        // The year's maintained per person, offering and month sums (never every attendance row).
        var credited = CreditedMonths.Between(db, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        if (!scope.IsWholeInstallation)
        {
            credited = credited.Where(c => people.Contains(c.PersonId) || owned.Contains(c.OfferingId));
        }

        var perPersonProgramme = await (from c in credited
                                        join o in db.Offerings on c.OfferingId equals o.Id
                                        where o.ProgrammeId != null
                                        group c by new { ProgrammeId = o.ProgrammeId!.Value, c.PersonId } into g
                                        select new { g.Key.ProgrammeId, g.Key.PersonId, Minutes = g.Sum(x => x.Minutes) }).ToListAsync(ct);

        var seated = EnrolmentStatuses.Seated;
        var participants = await db.Enrolments.SeenBy(scope).Where(e => seated.Contains(e.Status) && e.Offering!.ProgrammeId != null)
            .Select(e => new { ProgrammeId = e.Offering!.ProgrammeId!.Value, e.PersonId }).Distinct()
            .GroupBy(x => x.ProgrammeId).Select(g => new { ProgrammeId = g.Key, Count = g.Count() }).ToListAsync(ct);

        var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Code, p.Name, Owner = p.OwnerOrganization!.Name, p.TargetMinutes, Offerings = db.Offerings.Count(o => o.ProgrammeId == p.Id) })
            .ToListAsync(ct);
        var rows = programmes
            .Select(p =>
            {
                var mine = perPersonProgramme.Where(x => x.ProgrammeId == p.Id).ToList();
                return new ProgrammeSummary(p.Id, p.Code, p.Name, p.Owner, p.TargetMinutes, p.Offerings,
                    participants.FirstOrDefault(x => x.ProgrammeId == p.Id)?.Count ?? 0,
                    mine.Sum(x => x.Minutes),
                    p.TargetMinutes is { } t ? mine.Count(x => x.Minutes >= t) : 0);
            })
            .Where(r => scope.IsWholeInstallation || r.Participants > 0 || r.CreditedMinutes > 0)
            .ToList();

        var months = await credited.GroupBy(c => c.Month)
            .Select(g => new { Month = g.Key, Minutes = g.Sum(x => x.Minutes) }).ToListAsync(ct);
        var byMonth = Enumerable.Range(1, 12)
            .Select(m => new MonthHours(m, months.Where(x => x.Month == (year * 100) + m).Sum(x => x.Minutes)))
            .ToList();
        return new ProgrammeOverviewModel(year, await people.CountAsync(ct), byMonth.Sum(m => m.CreditedMinutes), rows, byMonth);
    }
}
