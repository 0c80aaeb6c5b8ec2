using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommitmentTracker.ActionPlans.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommitmentListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Commitments_Completion_Removed_Id",
                table: "Commitments",
                columns: new[] { "Completion", "Removed", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Commitments_Removed_Id_PolicyAreas",
                table: "Commitments",
                columns: new[] { "Removed", "Id", "PolicyAreas" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Commitments_Completion_Removed_Id",
                table: "Commitments");

            migrationBuilder.DropIndex(
                name: "IX_Commitments_Removed_Id_PolicyAreas",
                table: "Commitments");
        }
    }
}
