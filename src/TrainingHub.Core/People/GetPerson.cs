using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.People;

/// <summary>A sign-in account of the person (an account section the invitation flow can fill in).</summary>
public sealed record PersonAccount(string Email, IReadOnlyList<string> Roles);

/// <param name="PrintedName">The holder's name as the certificate prints it.</param>
/// <param name="NameChanged">Valid, and the printed name is no longer the person's name: offered for reissue.</param>
public sealed record PersonCertificate(int Id, string Code, string? Title, CertificateStatus Status, DateTime IssuedAt, string PrintedName, bool NameChanged);

public sealed record PersonAtRisk(int OfferingId, string Offering, AtRiskCondition Condition, DateTime RaisedAt);

public sealed record PersonDetails(int Id, string FullName, string Cpf, string Email, int OrganizationId, string Organization, int? ManagerId, string? Manager,
    string? JobTitle, string? RegistrationNumber, string PreferredLanguage, DateTime? AnonymizedAt, IReadOnlyList<PersonAccount> Accounts,
    IReadOnlyList<PersonCertificate> Certificates, IReadOnlyList<PersonAtRisk> AtRisk, PersonHoursModel Hours)
{
    /// <summary>The person answers training-needs surveys for their organisation.</summary>
    public bool IsFocalPoint { get; init; }

    /// <summary>The form's starting values (the full CPF only where the reader may see it; otherwise the field starts blank and blank keeps it).</summary>
    public UpdatePersonRequest ToForm(bool fullCpf) =>
        new(FullName, fullCpf ? Cpf : null, Email, OrganizationId, ManagerId, JobTitle, RegistrationNumber, IsFocalPoint);
}

/// <summary>
/// One person's page for an administrator whose scope holds them: organisation, manager, accounts, enrolments and
/// hours (<see cref="GetPersonHours"/>), certificates (those whose printed name is out of date flagged for
/// reissue) and active at-risk flags. People outside the reader's scope are not found, whoever runs the programmes
/// they take part in.
/// </summary>
public static class GetPerson
{
    public static async Task<Result<PersonDetails>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int personId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var p = scope.IsAdministrator
            ? await db.People.AsNoTracking().InScope(scope).Where(x => x.Id == personId)
                .Select(x => new
                {
                    x.Id,
                    x.FullName,
                    x.Cpf,
                    x.Email,
                    x.OrganizationId,
                    Organization = x.Organization!.Name,
                    x.Organization.Path,
                    x.ManagerId,
                    Manager = x.Manager != null ? x.Manager.FullName : null,
                    x.JobTitle,
                    x.RegistrationNumber,
                    x.PreferredLanguage,
                    x.AnonymizedAt,
                    x.IsFocalPoint,
                })
                .FirstOrDefaultAsync(ct)
            : null;
        if (p is null)
        {
            return Error.NotFound("PersonId", "Person.NotFound");
        }

        var hours = await GetPersonHours.HandleAsync(db, scope, time, personId, ct);
        if (!hours.Succeeded)
        {
            return hours.Error!;
        }

        var users = await db.Users.AsNoTracking().Where(u => u.PersonId == personId).OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        var userIds = users.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(r => userIds.Contains(r.UserId)).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var accounts = users.Select(u => new PersonAccount(u.Email ?? "", roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").Order(StringComparer.Ordinal).ToList())).ToList();

        var certificates = (await db.Certificates.AsNoTracking().Where(c => c.PersonId == personId).OrderByDescending(c => c.IssuedAt).ThenByDescending(c => c.Id)
                .Select(c => new { c.Id, c.VerificationCode, c.Status, c.IssuedAt, c.SnapshotJson }).ToListAsync(ct))
            .Select(c =>
            {
                var snapshot = CertificateSnapshot.FromJson(c.SnapshotJson);
                return new PersonCertificate(c.Id, c.VerificationCode, snapshot.CourseTitle ?? snapshot.Programme, c.Status, c.IssuedAt, snapshot.HolderName,
                    c.Status == CertificateStatus.Valid && !string.Equals(snapshot.HolderName, p.FullName, StringComparison.Ordinal));
            })
            .ToList();
        var atRisk = await db.AtRiskFlags.AsNoTracking().Where(f => f.PersonId == personId && f.ResolvedAt == null).OrderByDescending(f => f.RaisedAt)
            .Select(f => new PersonAtRisk(f.OfferingId, f.Enrolment!.Offering!.Title, f.Condition, f.RaisedAt)).ToListAsync(ct);

        var details = new PersonDetails(p.Id, p.FullName, scope.ShowCpf(p.Cpf, p.Path), p.Email, p.OrganizationId, p.Organization, p.ManagerId,
            p.Manager, p.JobTitle, p.RegistrationNumber, p.PreferredLanguage, p.AnonymizedAt, accounts, certificates, atRisk, hours.Value!)
        {
            IsFocalPoint = p.IsFocalPoint,
        };
        return Result<PersonDetails>.Ok(details);
    }
}
