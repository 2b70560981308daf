using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Certificates.Messages;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Certificates;

/// <summary>
/// A valid completion certificate whose enrolment is no longer Completed (a correction of attendance turned it Failed)
/// is under review: it stays valid until an administrator revokes it or keeps it (each with a reason), or reissues it
/// after a further correction, but meanwhile the public page says "under review", the class ZIP leaves it out, and the
/// class's certificate list and the administrator's home show it. A kept certificate is valid again until a later
/// correction puts it under review once more (<see cref="KeepCertificate"/>). The one place this rule is written.
/// </summary>
public static class CertificateReview
{
    public static IQueryable<Certificate> UnderReview(this IQueryable<Certificate> certificates) =>
        certificates.Where(c => c.Status == CertificateStatus.Valid && c.Kind == CertificateKind.Completion
            && c.Enrolment != null && c.Enrolment.Status != EnrolmentStatus.Completed && c.ReviewKeptAt == null);

    public static bool IsUnderReview(CertificateStatus? status, CertificateKind kind, EnrolmentStatus? enrolment, DateTime? keptAt) =>
        status == CertificateStatus.Valid && kind == CertificateKind.Completion && enrolment is { } e && e != EnrolmentStatus.Completed && keptAt is null;

    /// <summary>How many certificates in the administrator's scope are under review, and one class that has some.</summary>
    public static async Task<(int Count, int? OfferingId)> CountAsync(TrainingHubDbContext db, ReaderScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var review = db.Certificates.AdministeredBy(db, scope).UnderReview();
        var count = await review.CountAsync(ct);
        return count == 0 ? (0, null) : (count, await review.OrderBy(c => c.Id).Select(c => (int?)c.Enrolment!.OfferingId).FirstAsync(ct));
    }

    /// <summary>
    /// Called by the correction that turned these enrolments from Completed into something else, before it saves: each
    /// valid completion certificate among them goes (back) under review, so an earlier "keep" decision no longer holds,
    /// and every administrator of the certificate (an unscoped one, or one whose scope holds the holder or the class's
    /// programme) gets one email through the outbox, keyed by certificate, enrolment version and account. Returns how
    /// many certificates went under review.
    /// </summary>
    public static async Task<int> PutUnderReviewAsync(TrainingHubDbContext db, IReadOnlyCollection<Enrolment.Enrolment> noLongerCompleted, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(noLongerCompleted);
        if (noLongerCompleted.Count == 0)
        {
            return 0;
        }

        var ids = noLongerCompleted.Select(e => e.Id).ToList();
        var certificates = await db.Certificates
            .Where(c => c.Status == CertificateStatus.Valid && c.Kind == CertificateKind.Completion && c.EnrolmentId != null && ids.Contains(c.EnrolmentId.Value))
            .ToListAsync(ct);
        if (certificates.Count == 0)
        {
            return 0;
        }

        var certificateIds = certificates.Select(c => c.Id).ToList();
        var facts = await db.Certificates.AsNoTracking().Where(c => certificateIds.Contains(c.Id)).Select(c => new
        {
            c.Id,
            Holder = c.Person!.FullName,
            HolderPath = c.Person.Organization!.Path,
            c.Enrolment!.Offering!.Title,
            c.Enrolment.Offering.Code,
            ProgrammePath = c.Enrolment.Offering.Programme != null ? c.Enrolment.Offering.Programme.OwnerOrganization!.Path : null,
        }).ToDictionaryAsync(c => c.Id, ct);
        var administrators = await (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == Roles.Administrator && u.Email != null
            orderby u.Id
            select new { u.Id, u.Email, u.DisplayName, u.PreferredLanguage, u.PersonId, u.LockoutEnd, ScopePath = u.ScopeOrganization != null ? u.ScopeOrganization.Path : null })
            .ToListAsync(ct);
        administrators = [.. administrators.Where(a => !AccountLock.IsIndefinite(a.LockoutEnd, new DateTimeOffset(now, TimeSpan.Zero)))];
        var versions = noLongerCompleted.ToDictionary(e => e.Id, e => e.Version);
        foreach (var c in certificates)
        {
            c.ReviewKeptAt = null;
            c.ReviewKeptReason = null;
            c.ReviewKeptBy = null;
            var f = facts[c.Id];
            foreach (var a in administrators.Where(a => a.ScopePath is not { } path
                || f.HolderPath.StartsWith(path, StringComparison.Ordinal) || (f.ProgrammePath?.StartsWith(path, StringComparison.Ordinal) ?? false)))
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"{nameof(CertificateUnderReview)}:{c.Id}:{versions[c.EnrolmentId!.Value]}:{a.Id}");
                await Outbox.QueueAsync(db, a.PersonId, a.Email!, a.PreferredLanguage, key,
                    new CertificateUnderReview(a.DisplayName, f.Holder, f.Title, f.Code, c.VerificationCode, c.IssuedAt), now, ct);
            }
        }

        return certificates.Count;
    }
}
