/** The request example of RetailOPS's inventory_push document, without credentials. */
export const documentedExample = (): Record<string, unknown> => ({
  version: 1,
  action: 'inventory_push',
  data: {
    inventory: {
      data: {
        sku: '53',
        id: 21,
        concept: 'sku',
        qty_breakdown: [{ est_ship: '2016-04-22T11:02:47-07:00', reserving_orders: [null], sellable: 5, unclaimed: 0, vendor: '002_Acme Corp' }],
        qty_available: 24,
      },
    },
    client_id: 1,
    channel: { id: 21 },
  },
});

/** The SDK's example request (inventory_push_v1.example.json), as its verification tool sends it. */
export const sdkExample = (): Record<string, unknown> => ({
  integration_auth_token: 'RETAILOPS_SDK',
  action: 'inventory_push',
  version: 1,
  client_id: 497,
  channel_info: { id: 21 },
  inventory_updates: [
    {
      sku: 'S12345',
      quantity_available: 24,
      quantity_detail: [
        {
          quantity_type: 'internal',
          estimated_availability_date: 'string',
          available_quantity: 0,
          total_quantity: 0,
          vendor_name: 'string',
          po: 'string',
          po_destination: 'string',
          facility_name: 'string',
        },
      ],
    },
  ],
});
