using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications.Messages;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// "Will miss the target", flagged once a month beyond the person's own digest (<see cref="QueueProgressDigests"/>):
/// each manager hears about the people they manage who will miss a programme's yearly target, and each administrator
/// scoped to a programme's owning organisation gets the programme's count with the organisations most behind and the
/// link to the list (<see cref="GetTargetOutlook"/>). Only where someone will miss; one message per recipient and month
/// (per programme for administrators), so running again queues nothing. Optional.
/// </summary>
public static class QueueTargetDigests
{
    public const int Listed = 20;
    public const int ListedOrganizations = 10;

    public static async Task<int> HandleAsync(TrainingHubDbContext db, TimeProvider time, string? publicUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var today = SaoPaulo.Today(time);
        var month = string.Create(CultureInfo.InvariantCulture, $"{today.Year:D4}-{today.Month:D2}");
        var done = (await db.OutboxMessages.Where(m => m.IdempotencyKey.StartsWith("team-target:" + month) || m.IdempotencyKey.StartsWith("programme-target:" + month))
            .Select(m => m.IdempotencyKey).ToListAsync(ct)).ToHashSet();
        var programmes = await db.Programmes.AsNoTracking().Where(p => p.TargetMinutes != null && p.IsActive).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, Target = p.TargetMinutes!.Value, p.OwnerOrganizationId }).ToListAsync(ct);
        var queued = 0;
        var byManager = new Dictionary<int, List<TeamTargetShortfall>>();
        foreach (var programme in programmes)
        {
            var people = await TargetOutlook.PeopleAsync(db, time, programme.Id, programme.Target, ct);
            var missing = people.Where(p => p.Status == TargetStatus.WillMiss).ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            foreach (var p in missing.Where(p => p.ManagerId is not null))
            {
                (byManager.TryGetValue(p.ManagerId!.Value, out var list) ? list : byManager[p.ManagerId.Value] = [])
                    .Add(new TeamTargetShortfall(p.FullName, programme.Name, programme.Target, p.CreditedMinutes, p.BookedMinutes));
            }

            var organizations = missing.GroupBy(p => p.Organization)
                .Select(g => new OrganizationShortfall(g.Key, g.Count(), people.Count(p => p.Organization == g.Key)))
                .OrderByDescending(o => o.WillMiss).ThenBy(o => o.Organization, StringComparer.Ordinal).Take(ListedOrganizations).ToList();
            var url = string.IsNullOrWhiteSpace(publicUrl) ? null : string.Create(CultureInfo.InvariantCulture, $"{publicUrl.TrimEnd('/')}/programmes/{programme.Id}/targets?status=WillMiss");
            var administrators = await db.Users.AsNoTracking()
                .Where(u => u.ScopeOrganizationId == programme.OwnerOrganizationId && u.Email != null && u.LockoutEnd == null
                    && db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Administrator)))
                .OrderBy(u => u.Id).Select(u => new { u.Id, u.DisplayName, u.Email, u.PreferredLanguage, u.PersonId }).ToListAsync(ct);
            foreach (var a in administrators)
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"programme-target:{month}:{programme.Id}:{a.Id}");
                if (done.Add(key))
                {
                    Outbox.Add(db, a.PersonId, a.Email!, a.PreferredLanguage, key,
                        new ProgrammeTargetDigest(a.DisplayName, programme.Name, today.Year, missing.Count, people.Count, organizations, url), now);
                    queued++;
                }
            }
        }

        var managerIds = byManager.Keys.ToList();
        var managers = await db.People.AsNoTracking().Where(p => managerIds.Contains(p.Id) && p.AnonymizedAt == null)
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.FullName, p.Email, p.PreferredLanguage }).ToListAsync(ct);
        foreach (var m in managers)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"team-target:{month}:{m.Id}");
            if (done.Add(key))
            {
                var team = byManager[m.Id].OrderBy(s => s.Person, StringComparer.Ordinal).ThenBy(s => s.Programme, StringComparer.Ordinal).ToList();
                Outbox.Add(db, m.Id, m.Email, m.PreferredLanguage, key, new TeamTargetDigest(m.FullName, today.Year, team.Count, [.. team.Take(Listed)]), now);
                queued++;
            }
        }

        if (queued > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return queued;
    }
}
