using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace CommitmentTracker.Tagging.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SuggestionsAndReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Confirmation",
                table: "Tags",
                type: "TEXT",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "CommitmentTags",
                columns: table => new
                {
                    CommitmentId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TagId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SuggestionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TaggedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TextChangedSinceConfirmation = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitmentTags", x => new { x.CommitmentId, x.TagId });
                    table.ForeignKey(
                        name: "FK_CommitmentTags_Tags_TagId",
                        column: x => x.TagId,
                        principalTable: "Tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SuggestionRules",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    TagId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Phrases = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Confidence = table.Column<double>(type: "REAL", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuggestionRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SuggestionRules_Tags_TagId",
                        column: x => x.TagId,
                        principalTable: "Tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TagAudit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommitmentId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TagId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SuggestionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TagAudit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TagSuggestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitmentId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MemberCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    TagId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Confidence = table.Column<double>(type: "REAL", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IsOpen = table.Column<bool>(type: "INTEGER", nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TextHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SuggestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TagSuggestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TagSuggestions_Tags_TagId",
                        column: x => x.TagId,
                        principalTable: "Tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TrackedCommitments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ActionPlanId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MemberCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    FullText = table.Column<string>(type: "TEXT", nullable: true),
                    PolicyAreas = table.Column<string>(type: "TEXT", nullable: false),
                    TextHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Removed = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackedCommitments", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "SuggestionRules",
                columns: new[] { "Id", "Confidence", "Enabled", "Kind", "Language", "Phrases", "TagId", "Version" },
                values: new object[,]
                {
                    { "beneficial-ownership", 0.75, true, "phrase", null, "beneficial owner*\nultimate owner*\nbeneficiario* final*\npropietario* real*\nbénéficiaire* effecti*\npropriété effective\nbeneficiário* fina*\nproprietário* beneficiário*\nконечн* бенефициар*\nбенефициарн* владел*", "beneficial-ownership", 1 },
                    { "e-procurement", 0.75, true, "phrase", null, "e-procurement\nelectronic procurement\ne-tendering\nelectronic public procurement\nprocurement portal\nprocurement system\ncontratación electrónica\ncompras electrónicas\nlicitación electrónica\nmarchés publics électroniques\ndématérialisation des marchés\npregão eletrônico\ncompras eletrônicas\nlicitação eletrônica\nэлектронн* закуп*\nэлектронн* торг*", "e-procurement", 1 },
                    { "en-open-contracting", 0.80000000000000004, true, "phrase", "en", "open contracting\ncontracting transparency\ntransparency of contracts\ntransparency in public contracts\ncontract transparency\ndisclosure of contracts\ncontract disclosure*\npublication of contracts\npublish contracts\nopen contracts\ncontract repositor*\ncontracts and licen*\nlicen* and contracts\ncontracting and licensing", "open-contracting", 1 },
                    { "en-procurement", 0.69999999999999996, true, "phrase", "en", "procurement\npublic purchasing\npublic tender*\ntendering\ngovernment contracts\npublic contracts", "public-procurement", 1 },
                    { "es-open-contracting", 0.80000000000000004, true, "phrase", "es", "contrataciones abiertas\ncontratación abierta\ncontrataciones públicas abiertas\ntransparencia en las contrataciones\npublicación de contratos", "open-contracting", 1 },
                    { "es-procurement", 0.69999999999999996, true, "phrase", "es", "contrataciones\ncontratación pública\ncontrataciones públicas\ncompras públicas\ncompras estatales\nlicitación*\nlicitaciones\nadquisiciones públicas\ncompras del estado", "public-procurement", 1 },
                    { "flag-beneficial-ownership", 0.84999999999999998, true, "flag", null, "Beneficial Ownership", "beneficial-ownership", 1 },
                    { "flag-open-contracting", 0.90000000000000002, true, "flag", null, "Open Contracting", "open-contracting", 1 },
                    { "flag-public-procurement", 0.84999999999999998, true, "flag", null, "Public Procurement", "public-procurement", 1 },
                    { "fr-open-contracting", 0.80000000000000004, true, "phrase", "fr", "commande publique ouverte\ncontrats ouverts\ncontractualisation ouverte\npublication des contrats\ntransparence des contrats", "open-contracting", 1 },
                    { "fr-procurement", 0.69999999999999996, true, "phrase", "fr", "marchés publics\nmarché public\ncommande publique\nappel* d'offres\npassation des marchés", "public-procurement", 1 },
                    { "oc-participation", 0.55000000000000004, true, "phrase", null, "contract monitoring\nmonitoring of contracts\nprocurement monitoring\ncitizen monitoring\nthird-party monitoring\nsocial audit*\nmonitoreo de contratos\nveedurí*\nmonitoreo ciudadano\nsuivi des contrats\ncontrôle citoyen\nmonitoramento de contratos\ncontrole social\nобщественн* контрол*\nмониторинг закуп*", "oc-participation", 1 },
                    { "ocds", 0.90000000000000002, true, "phrase", null, "OCDS\nopen contracting data standard\nestándar de datos para las contrataciones abiertas\nestándar de datos de contrataciones abiertas\nstandard de données sur la commande publique ouverte\npadrão de dados para contratações abertas\npadrão de dados de contratações abertas\nстандарт данных открытых контрактов\nстандарт данных об открытых контрактах", "oc-disclosure", 1 },
                    { "pt-open-contracting", 0.80000000000000004, true, "phrase", "pt", "contratações abertas\ncontratação aberta\ncontratos abertos\ntransparência dos contratos\npublicação dos contratos", "open-contracting", 1 },
                    { "pt-procurement", 0.69999999999999996, true, "phrase", "pt", "compras governamentais\ncompras públicas\nlicitaç*\ncontratações públicas\ncontratação pública", "public-procurement", 1 },
                    { "ru-open-contracting", 0.80000000000000004, true, "phrase", "ru", "открыт* контракт*\nоткрыт* договор*\nпрозрачност* контракт*\nпубликаци* контракт*", "open-contracting", 1 },
                    { "ru-procurement", 0.69999999999999996, true, "phrase", "ru", "закупк*\nзакупок\nгосзакуп*\nгосударственн* закуп*\nтендер*", "public-procurement", 1 },
                    { "sector-education", 0.40000000000000002, true, "phrase", null, "education\nschool*\neducación\néducation\neducação\nобразовани*", "sector-education", 1 },
                    { "sector-extractives", 0.5, true, "phrase", null, "extractive*\nmining\noil and gas\nEITI\nextractivas\nminería\nindustries extractives\nmineração\nдобывающ*\nнедропользовани*", "sector-extractives", 1 },
                    { "sector-health", 0.40000000000000002, true, "phrase", null, "health\nhospital*\nmedicines\nsalud\nsanté\nsaúde\nздравоохранен*", "sector-health", 1 },
                    { "sector-infrastructure", 0.45000000000000001, true, "phrase", null, "infrastructure\npublic works\nconstruction contracts\ninfraestructura\nobras públicas\ntravaux publics\ninfraestrutura\nинфраструктур*", "sector-infrastructure", 1 }
                });

            migrationBuilder.UpdateData(
                table: "Tags",
                keyColumn: "Id",
                keyValue: "beneficial-ownership",
                column: "Confirmation",
                value: "one-liaison");

            migrationBuilder.UpdateData(
                table: "Tags",
                keyColumn: "Id",
                keyValue: "e-procurement",
                column: "Confirmation",
                value: "one-liaison");

            migrationBuilder.UpdateData(
                table: "Tags",
                keyColumn: "Id",
                keyValue: "oc-disclosure",
                column: "Confirmation",
                value: "one-liaison");

            migrationBuilder.UpdateData(
                table: "Tags",
                keyColumn: "Id",
                keyValue: "oc-participation",
                column: "Confirmation",
                value: "one-liaison");

            migrationBuilder.UpdateData(
                table: "Tags",
                keyColumn: "Id",
                keyValue: "open-contracting",
                column: "Confirmation",
                value: "both-organisations");

            migrationBuilder.UpdateData(
                table: "Tags",
                keyColumn: "Id",
                keyValue: "public-procurement",
                column: "Confirmation",
                value: "one-liaison");

            migrationBuilder.UpdateData(
                table: "Tags",
                keyColumn: "Id",
                keyValue: "sector-education",
                column: "Confirmation",
                value: "one-liaison");

            migrationBuilder.UpdateData(
                table: "Tags",
                keyColumn: "Id",
                keyValue: "sector-extractives",
                column: "Confirmation",
                value: "one-liaison");

            migrationBuilder.UpdateData(
                table: "Tags",
                keyColumn: "Id",
                keyValue: "sector-health",
                column: "Confirmation",
                value: "one-liaison");

            migrationBuilder.UpdateData(
                table: "Tags",
                keyColumn: "Id",
                keyValue: "sector-infrastructure",
                column: "Confirmation",
                value: "one-liaison");

            migrationBuilder.CreateIndex(
                name: "IX_CommitmentTags_TagId_Status",
                table: "CommitmentTags",
                columns: new[] { "TagId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SuggestionRules_TagId",
                table: "SuggestionRules",
                column: "TagId");

            migrationBuilder.CreateIndex(
                name: "IX_TagAudit_CommitmentId_Id",
                table: "TagAudit",
                columns: new[] { "CommitmentId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TagSuggestions_CommitmentId_Status",
                table: "TagSuggestions",
                columns: new[] { "CommitmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_TagSuggestions_CommitmentId_TagId",
                table: "TagSuggestions",
                columns: new[] { "CommitmentId", "TagId" },
                unique: true,
                filter: "\"IsOpen\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_TagSuggestions_Status_Confidence",
                table: "TagSuggestions",
                columns: new[] { "Status", "Confidence" });

            migrationBuilder.CreateIndex(
                name: "IX_TagSuggestions_TagId",
                table: "TagSuggestions",
                column: "TagId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommitmentTags");

            migrationBuilder.DropTable(
                name: "SuggestionRules");

            migrationBuilder.DropTable(
                name: "TagAudit");

            migrationBuilder.DropTable(
                name: "TagSuggestions");

            migrationBuilder.DropTable(
                name: "TrackedCommitments");

            migrationBuilder.DropColumn(
                name: "Confirmation",
                table: "Tags");
        }
    }
}
