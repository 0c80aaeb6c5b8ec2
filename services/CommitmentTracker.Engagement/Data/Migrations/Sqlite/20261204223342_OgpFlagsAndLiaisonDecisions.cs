using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommitmentTracker.Engagement.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OgpFlagsAndLiaisonDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "EndYear",
                table: "MemberActionPlans",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedBy",
                table: "ConfirmedTags",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "OpenContractingFlag",
                table: "Commitments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "PublicProcurementFlag",
                table: "Commitments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "LiaisonDecisions",
                columns: table => new
                {
                    CommitmentId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MemberCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiaisonDecisions", x => x.CommitmentId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonDecisions_MemberCode",
                table: "LiaisonDecisions",
                column: "MemberCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LiaisonDecisions");

            migrationBuilder.DropColumn(
                name: "EndYear",
                table: "MemberActionPlans");

            migrationBuilder.DropColumn(
                name: "ApprovedBy",
                table: "ConfirmedTags");

            migrationBuilder.DropColumn(
                name: "OpenContractingFlag",
                table: "Commitments");

            migrationBuilder.DropColumn(
                name: "PublicProcurementFlag",
                table: "Commitments");
        }
    }
}
