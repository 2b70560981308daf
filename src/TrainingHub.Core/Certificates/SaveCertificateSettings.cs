using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Certificates;

public sealed record CertificateSettingsInput(string? Issuer, string? IssuerCnpj, string? Place, string? Signatories, int? ValidityMonths);

public sealed record CertificateSettingsModel(int ProgrammeId, string Programme, bool Saved, CertificateSettingsInput Input);

/// <summary>A programme's certificate settings: read (with the owner organisation as the default) and save (an administrator in scope).</summary>
public static class SaveCertificateSettings
{
    public static async Task<Result<CertificateSettingsModel>> GetAsync(TrainingHubDbContext db, ReaderScope scope, int programmeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var p = await db.Programmes.InScope(scope).AsNoTracking().Where(x => x.Id == programmeId)
            .Select(x => new { x.Id, x.Name, Owner = x.OwnerOrganization!.Name, x.OwnerOrganization.Cnpj }).FirstOrDefaultAsync(ct);
        if (p is null)
        {
            return Error.NotFound("ProgrammeId", "Programme.NotFound");
        }

        var s = await db.CertificateSettings.AsNoTracking().FirstOrDefaultAsync(x => x.ProgrammeId == programmeId, ct);
        var input = s is null
            ? new CertificateSettingsInput(p.Owner, p.Cnpj, null, null, null)
            : new CertificateSettingsInput(s.Issuer, s.IssuerCnpj, s.Place, s.Signatories, s.ValidityMonths);
        return Result<CertificateSettingsModel>.Ok(new CertificateSettingsModel(p.Id, p.Name, s is not null, input));
    }

    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int programmeId, CertificateSettingsInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(input);
        if (!scope.IsAdministrator || !await db.Programmes.InScope(scope).AnyAsync(p => p.Id == programmeId, ct))
        {
            return Error.NotFound("ProgrammeId", "Programme.NotFound");
        }

        var errors = new List<FieldError>();
        var issuer = input.Issuer?.Trim() ?? "";
        var place = input.Place?.Trim() ?? "";
        var cnpj = string.IsNullOrWhiteSpace(input.IssuerCnpj) ? null : input.IssuerCnpj.Trim();
        var signatories = string.Join('\n', CertificateSettings.ParseSignatories(input.Signatories).Select(s => s.Role.Length == 0 ? s.Name : $"{s.Name} | {s.Role}"));
        if (issuer.Length is 0 or > 200)
        {
            errors.Add(new FieldError("Issuer", "Certificate.IssuerRequired"));
        }

        if (place.Length is 0 or > 120)
        {
            errors.Add(new FieldError("Place", "Certificate.PlaceRequired"));
        }

        if (cnpj is not null && (cnpj.Count(char.IsAsciiDigit) != 14 || cnpj.Length > 18))
        {
            errors.Add(new FieldError("IssuerCnpj", "Certificate.CnpjInvalid"));
        }

        if (signatories.Length > 2000 || CertificateSettings.ParseSignatories(signatories).Count > 4)
        {
            errors.Add(new FieldError("Signatories", "Certificate.SignatoriesTooMany", 4));
        }

        if (input.ValidityMonths is { } m && (m < 1 || m > 1200))
        {
            errors.Add(new FieldError("ValidityMonths", "Certificate.ValidityInvalid"));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var s = await db.CertificateSettings.FirstOrDefaultAsync(x => x.ProgrammeId == programmeId, ct);
        if (s is null)
        {
            s = new CertificateSettings { ProgrammeId = programmeId, Issuer = issuer, Place = place };
            db.CertificateSettings.Add(s);
        }

        s.Issuer = issuer;
        s.Place = place;
        s.IssuerCnpj = cnpj;
        s.Signatories = signatories;
        s.ValidityMonths = input.ValidityMonths;
        s.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Result<int>.Ok(programmeId);
    }
}
