using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommitmentTracker.Engagement.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Assessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Region",
                table: "Members",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            // Plans known before this column get the minimum date: their grace period for tagging has long ended.
            migrationBuilder.AddColumn<DateTime>(
                name: "FirstSeenAt",
                table: "MemberActionPlans",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.CreateTable(
                name: "AssessmentHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    PreviousCategory = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    Components = table.Column<string>(type: "TEXT", nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", nullable: false),
                    IsDip = table.Column<bool>(type: "INTEGER", nullable: false),
                    DipReasons = table.Column<string>(type: "TEXT", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AssessedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentHistory", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Assessments",
                columns: table => new
                {
                    MemberCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    Components = table.Column<string>(type: "TEXT", nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", nullable: false),
                    DipConditions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Warnings = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    AssessedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assessments", x => x.MemberCode);
                });

            migrationBuilder.CreateTable(
                name: "Commitments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MemberCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    ActionPlanId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    PotentialImpact = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PotentialForResults = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CompletionProgressReport = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CompletionEndOfTerm = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EarlyResults = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DidItOpenGovernment = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Removed = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Commitments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConfirmedTags",
                columns: table => new
                {
                    CommitmentId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MemberCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConfirmedTags", x => new { x.CommitmentId, x.Tag });
                });

            migrationBuilder.CreateTable(
                name: "CountryAliases",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MemberCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountryAliases", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "MandateScores",
                columns: table => new
                {
                    MemberCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Component = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AssessedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MandateScores", x => new { x.MemberCode, x.Component });
                });

            migrationBuilder.CreateTable(
                name: "OcdsPublications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MemberCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SourceId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SourceUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LastRetrieved = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DateFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DateTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Frozen = table.Column<bool>(type: "INTEGER", nullable: false),
                    Stages = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OcdsPublications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RegistryPulls",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NextDueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastCheckedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ETag = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LastModified = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LastResult = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    LastOutcome = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistryPulls", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentHistory_MemberCode_Version",
                table: "AssessmentHistory",
                columns: new[] { "MemberCode", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Category",
                table: "Assessments",
                column: "Category");

            migrationBuilder.CreateIndex(
                name: "IX_Commitments_MemberCode",
                table: "Commitments",
                column: "MemberCode");

            migrationBuilder.CreateIndex(
                name: "IX_ConfirmedTags_MemberCode",
                table: "ConfirmedTags",
                column: "MemberCode");

            migrationBuilder.CreateIndex(
                name: "IX_OcdsPublications_MemberCode",
                table: "OcdsPublications",
                column: "MemberCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessmentHistory");

            migrationBuilder.DropTable(
                name: "Assessments");

            migrationBuilder.DropTable(
                name: "Commitments");

            migrationBuilder.DropTable(
                name: "ConfirmedTags");

            migrationBuilder.DropTable(
                name: "CountryAliases");

            migrationBuilder.DropTable(
                name: "MandateScores");

            migrationBuilder.DropTable(
                name: "OcdsPublications");

            migrationBuilder.DropTable(
                name: "RegistryPulls");

            migrationBuilder.DropColumn(
                name: "Region",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "FirstSeenAt",
                table: "MemberActionPlans");
        }
    }
}
