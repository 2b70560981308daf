using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Certificates;

/// <summary>The organisation whose certificates a focal point downloads: its path (the ZIP covers the organisations under it too) and a name for the file.</summary>
public sealed record FocalPointOrganization(string Path, string FileName);

/// <summary>
/// An organisation's focal point (<see cref="People.Person.IsFocalPoint"/>) downloads the valid certificates of its
/// people, class and participation alike, as one ZIP (<see cref="GetCertificateFile.OrganizationFilesAsync"/>).
/// Anyone else, the signed-in person who is not a focal point included, is refused.
/// </summary>
public static class OrganizationCertificates
{
    public static async Task<Result<FocalPointOrganization>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var me = scope.PersonId ?? -1;
        var org = await db.People.AsNoTracking().Where(p => p.Id == me && p.IsFocalPoint)
            .Select(p => new { p.Organization!.Path, p.Organization.Acronym, p.OrganizationId }).FirstOrDefaultAsync(ct);
        if (org is null)
        {
            return Error.Forbidden("", "Certificate.NotFocalPoint");
        }

        var tag = new string((org.Acronym ?? "").Where(char.IsAsciiLetterOrDigit).ToArray()).ToLowerInvariant();
        return Result<FocalPointOrganization>.Ok(new FocalPointOrganization(org.Path,
            $"certificates-{(tag.Length == 0 ? org.OrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture) : tag)}.zip"));
    }

    /// <summary>Whether the person is a focal point (the "Meus certificados" page offers the ZIP).</summary>
    public static Task<bool> IsFocalPointAsync(TrainingHubDbContext db, int personId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.People.AnyAsync(p => p.Id == personId && p.IsFocalPoint, ct);
    }
}
