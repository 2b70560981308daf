using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.People;

/// <summary>Finds one person in the reader's scope by CPF (with or without punctuation) or by their number.</summary>
public static class FindPerson
{
    public static async Task<int?> HandleAsync(TrainingHubDbContext db, ReaderScope scope, string? cpfOrNumber, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var text = cpfOrNumber?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var people = db.People.AsNoTracking().InScope(scope);
        if (Cpf.Normalize(text) is { } cpf)
        {
            return await people.Where(p => p.Cpf == cpf).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        }

        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? await people.Where(p => p.Id == id).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct)
            : null;
    }
}
