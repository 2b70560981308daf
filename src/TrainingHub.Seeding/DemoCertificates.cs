using TrainingHub.Core.Certificates;
using TrainingHub.Core.Common;

namespace TrainingHub.Seeding;

/// <summary>
/// Certificate settings for the five demo programmes: issuer (the owner organisation and its CNPJ), place of issue,
/// two signatories (fictional people) and, for the onboarding programme, a two-year validity.
/// </summary>
internal static class DemoCertificates
{
    private static readonly Dictionary<string, (string Place, string Signatories, int? ValidityMonths)> ByProgramme = new(StringComparer.Ordinal)
    {
        ["REDE-ESTRATEGIA"] = ("Belo Horizonte", "Helena Vasconcelos Prado | Subsecretária de Gestão Estratégica\nRicardo Almeida Turano | Coordenador da Rede Estratégia", null),
        ["MUNICIPALISMO-ATIVO"] = ("Belo Horizonte", "Márcia Gontijo Ribeiro | Diretora de Apoio aos Municípios\nCláudio Esteves Lanna | Coordenador do Municipalismo Ativo", null),
        ["INTERCAMBIO-INOVACAO"] = ("Belo Horizonte", "Patrícia Nogueira Lobato | Diretora do Laboratório de Inovação\nAndré Faria Mourão | Coordenador do Intercâmbio", null),
        ["SEI-MUNICIPIOS"] = ("Belo Horizonte", "Juliana Castro Resende | Diretora Central de Gestão Documental\nFábio Meireles Duarte | Gerente do Sei!MG Municípios", 24),
        ["IMESC-GPPM"] = ("São Luís", "Rafael Moura Sampaio | Presidente do IMESC\nLuciana Ferreira Costa | Coordenadora do Programa de Gestão Municipal", null),
    };

    public static IEnumerable<CertificateSettings> Build(DemoWorld world, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(world);
        foreach (var programme in world.Programmes)
        {
            if (!ByProgramme.TryGetValue(programme.Code, out var s) || programme.OwnerOrganization is not { } owner)
            {
                continue;
            }

            yield return new CertificateSettings
            {
                Programme = programme,
                Issuer = owner.Name,
                IssuerCnpj = owner.Cnpj is { } c ? Cnpj.Format(c) : null,
                Place = s.Place,
                Signatories = s.Signatories,
                ValidityMonths = s.ValidityMonths,
                UpdatedAt = at,
            };
        }
    }
}
