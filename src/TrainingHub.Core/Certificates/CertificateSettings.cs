using TrainingHub.Core.Catalog;

namespace TrainingHub.Core.Certificates;

/// <summary>
/// What a programme's certificates say about who issues them: the institution and its CNPJ, the place of issue, the
/// signatories (one per line, "Name | Role") and an optional validity in months. One row per programme, edited by
/// its administrators; certificates of a programme without settings use its owner organisation, and classes outside
/// any programme use <see cref="IssueSettings"/>. Changing these never changes certificates already issued: each
/// keeps its own snapshot.
/// </summary>
public class CertificateSettings
{
    public int ProgrammeId { get; set; }
    public Programme? Programme { get; set; }
    public required string Issuer { get; set; }
    public string? IssuerCnpj { get; set; }
    public required string Place { get; set; }

    /// <summary>One signatory per line: "Name | Role".</summary>
    public string Signatories { get; set; } = "";

    /// <summary>Months a certificate stays valid after issue; null means it does not expire.</summary>
    public int? ValidityMonths { get; set; }

    public DateTime UpdatedAt { get; set; }

    public static IReadOnlyList<Signatory> ParseSignatories(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|', 2, StringSplitOptions.TrimEntries))
            .Where(p => p[0].Length > 0)
            .Select(p => new Signatory(p[0], p.Length > 1 ? p[1] : ""))
            .ToList();
}

public sealed record Signatory(string Name, string Role);
