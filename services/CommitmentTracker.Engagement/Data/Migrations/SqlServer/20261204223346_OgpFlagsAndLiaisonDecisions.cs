using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommitmentTracker.Engagement.Data.Migrations.SqlServer
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
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedBy",
                table: "ConfirmedTags",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "OpenContractingFlag",
                table: "Commitments",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "PublicProcurementFlag",
                table: "Commitments",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "LiaisonDecisions",
                columns: table => new
                {
                    CommitmentId = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    MemberCode = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: false),
                    Decision = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Tag = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Actor = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Organisation = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
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
