import { createUnionType } from 'type-graphql';
import { InvalidStateTransition, VersionConflict } from '../../common/types';
import { InsufficientStock } from '../inventory/inventory.results';
import { Shipment } from './shipment.entity';

export const CreateShipmentResult = createUnionType({
  name: 'CreateShipmentResult',
  description: 'The planned shipment, or InvalidStateTransition when its operation is RETIRED (nothing was created).',
  types: () => [Shipment, InvalidStateTransition] as const,
});

export const CancelShipmentResult = createUnionType({
  name: 'CancelShipmentResult',
  description: 'The cancelled shipment, or why nothing was changed.',
  types: () => [Shipment, InvalidStateTransition, VersionConflict] as const,
});

export const ShipShipmentResult = createUnionType({
  name: 'ShipShipmentResult',
  description:
    'The shipped shipment, or why nothing was shipped: InsufficientStock names the first item (in row order) short of stock, and no line left stock.',
  types: () => [Shipment, InsufficientStock, InvalidStateTransition, VersionConflict] as const,
});

export const ConfirmDeliveryResult = createUnionType({
  name: 'ConfirmDeliveryResult',
  description: 'The delivered shipment, or why nothing was changed.',
  types: () => [Shipment, InvalidStateTransition, VersionConflict] as const,
});
