import { Field, Int, ObjectType } from 'type-graphql';
import type { DeliveryKpis as DeliveryKpiNumbers } from '../../kpi';
import { KpiValue } from '../throughput/throughput.types';

@ObjectType({
  description:
    "Delivery performance of an operation's shipments delivered in the window (delivery recorded by asOf): OTIF, on time, in full and fill rate.",
})
export class DeliveryKpis {
  @Field(() => Int, { description: 'Shipments delivered in the window: what the rates are over.' })
  shipmentsDelivered: number;

  @Field(() => KpiValue, {
    description:
      'On time in full: shipments delivered on or before their promised day (UTC) with every line in full ÷ shipments delivered.',
  })
  otif: KpiValue;

  @Field(() => KpiValue, { description: 'Shipments delivered on or before their promised day (UTC) ÷ shipments delivered.' })
  onTimeDeliveryRate: KpiValue;

  @Field(() => KpiValue, { description: 'Shipments with every line delivered at least as promised ÷ shipments delivered.' })
  inFullRate: KpiValue;

  @Field(() => KpiValue, { description: 'Units delivered (each line up to its promised quantity) ÷ units promised.' })
  fillRate: KpiValue;

  static of(k: DeliveryKpiNumbers): DeliveryKpis {
    return Object.assign(new DeliveryKpis(), {
      shipmentsDelivered: k.delivered,
      otif: KpiValue.of('otif', k.otif),
      onTimeDeliveryRate: KpiValue.of('onTimeDeliveryRate', k.onTimeDeliveryRate),
      inFullRate: KpiValue.of('inFullRate', k.inFullRate),
      fillRate: KpiValue.of('fillRate', k.fillRate),
    });
  }
}
