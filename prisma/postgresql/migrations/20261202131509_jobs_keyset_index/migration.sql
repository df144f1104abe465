-- CreateIndex
CREATE INDEX "Customer_shop_id_idx" ON "Customer"("shop", "id");

