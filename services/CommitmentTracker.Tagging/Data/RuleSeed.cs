using CommitmentTracker.Persistence;
namespace CommitmentTracker.Tagging.Data;

/// <summary>
/// The suggestion rules every installation starts with. Admins change them through <c>/api/tag-rules</c>; a rule's
/// phrases are whole words, case and accent insensitive, and a trailing <c>*</c> matches any word ending.
/// </summary>
internal static class RuleSeed
{
    public static readonly SuggestionRule[] Rules =
    [
        Flag("flag-open-contracting", TagVocabulary.OpenContracting, 0.9, "Open Contracting"),
        Flag("flag-public-procurement", "public-procurement", 0.85, "Public Procurement"),
        Flag("flag-beneficial-ownership", "beneficial-ownership", 0.85, "Beneficial Ownership"),

        Phrase("ocds", "oc-disclosure", null, 0.9,
            "OCDS", "open contracting data standard", "estándar de datos para las contrataciones abiertas", "estándar de datos de contrataciones abiertas",
            "standard de données sur la commande publique ouverte", "padrão de dados para contratações abertas", "padrão de dados de contratações abertas",
            "стандарт данных открытых контрактов", "стандарт данных об открытых контрактах"),

        Phrase("en-open-contracting", TagVocabulary.OpenContracting, "en", 0.8,
            "open contracting", "contracting transparency", "transparency of contracts", "transparency in public contracts", "contract transparency",
            "disclosure of contracts", "contract disclosure*", "publication of contracts", "publish contracts", "open contracts", "contract repositor*",
            "contracts and licen*", "licen* and contracts", "contracting and licensing"),
        Phrase("es-open-contracting", TagVocabulary.OpenContracting, "es", 0.8,
            "contrataciones abiertas", "contratación abierta", "contrataciones públicas abiertas", "transparencia en las contrataciones", "publicación de contratos"),
        Phrase("fr-open-contracting", TagVocabulary.OpenContracting, "fr", 0.8,
            "commande publique ouverte", "contrats ouverts", "contractualisation ouverte", "publication des contrats", "transparence des contrats"),
        Phrase("pt-open-contracting", TagVocabulary.OpenContracting, "pt", 0.8,
            "contratações abertas", "contratação aberta", "contratos abertos", "transparência dos contratos", "publicação dos contratos"),
        Phrase("ru-open-contracting", TagVocabulary.OpenContracting, "ru", 0.8,
            "открыт* контракт*", "открыт* договор*", "прозрачност* контракт*", "публикаци* контракт*"),

        Phrase("en-procurement", "public-procurement", "en", 0.7,
            "procurement", "public purchasing", "public tender*", "tendering", "government contracts", "public contracts"),
        Phrase("es-procurement", "public-procurement", "es", 0.7,
            "contrataciones", "contratación pública", "contrataciones públicas", "compras públicas", "compras estatales", "licitación*", "licitaciones",
            "adquisiciones públicas", "compras del estado"),
        Phrase("fr-procurement", "public-procurement", "fr", 0.7,
            "marchés publics", "marché public", "commande publique", "appel* d'offres", "passation des marchés"),
        Phrase("pt-procurement", "public-procurement", "pt", 0.7,
            "compras governamentais", "compras públicas", "licitaç*", "contratações públicas", "contratação pública"),
        Phrase("ru-procurement", "public-procurement", "ru", 0.7,
            "закупк*", "закупок", "госзакуп*", "государственн* закуп*", "тендер*"),

        Phrase("e-procurement", "e-procurement", null, 0.75,
            "e-procurement", "electronic procurement", "e-tendering", "electronic public procurement", "procurement portal", "procurement system",
            "contratación electrónica", "compras electrónicas", "licitación electrónica", "marchés publics électroniques", "dématérialisation des marchés",
            "pregão eletrônico", "compras eletrônicas", "licitação eletrônica", "электронн* закуп*", "электронн* торг*"),

        Phrase("beneficial-ownership", "beneficial-ownership", null, 0.75,
            "beneficial owner*", "ultimate owner*", "beneficiario* final*", "propietario* real*", "bénéficiaire* effecti*", "propriété effective",
            "beneficiário* fina*", "proprietário* beneficiário*", "конечн* бенефициар*", "бенефициарн* владел*"),

        Phrase("oc-participation", "oc-participation", null, 0.55,
            "contract monitoring", "monitoring of contracts", "procurement monitoring", "citizen monitoring", "third-party monitoring", "social audit*",
            "monitoreo de contratos", "veedurí*", "monitoreo ciudadano", "suivi des contrats", "contrôle citoyen", "monitoramento de contratos",
            "controle social", "общественн* контрол*", "мониторинг закуп*"),

        Phrase("sector-health", "sector-health", null, 0.4, "health", "hospital*", "medicines", "salud", "santé", "saúde", "здравоохранен*"),
        Phrase("sector-education", "sector-education", null, 0.4, "education", "school*", "educación", "éducation", "educação", "образовани*"),
        Phrase("sector-infrastructure", "sector-infrastructure", null, 0.45,
            "infrastructure", "public works", "construction contracts", "infraestructura", "obras públicas", "travaux publics", "infraestrutura", "инфраструктур*"),
        Phrase("sector-extractives", "sector-extractives", null, 0.5,
            "extractive*", "mining", "oil and gas", "EITI", "extractivas", "minería", "industries extractives", "mineração", "добывающ*", "недропользовани*"),
    ];

    private static SuggestionRule Flag(string id, string tag, double confidence, params string[] flags) =>
        new() { Id = id, TagId = tag, Kind = RuleKind.Flag, Phrases = StoredLines.Join(flags), Confidence = confidence };

    private static SuggestionRule Phrase(string id, string tag, string? language, double confidence, params string[] phrases) =>
        new() { Id = id, TagId = tag, Kind = RuleKind.Phrase, Language = language, Phrases = StoredLines.Join(phrases), Confidence = confidence };
}
