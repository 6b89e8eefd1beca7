<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis simplifyDrawingHints="1" symbologyReferenceScale="-1" hasScaleBasedVisibilityFlag="0" simplifyAlgorithm="0" maxScale="0" minScale="100000000" simplifyMaxScale="1" simplifyDrawingTol="1" labelsEnabled="0" version="3.22.16-Białowieża" simplifyLocal="1" readOnly="0" styleCategories="AllStyleCategories">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal accumulate="0" fixedDuration="0" endExpression="" durationUnit="min" mode="0" durationField="" startExpression="" endField="" limitMode="0" enabled="0" startField="">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <renderer-v2 enableorderby="0" forceraster="0" referencescale="-1" symbollevels="0" type="singleSymbol">
    <symbols>
      <symbol name="0" alpha="1" clip_to_extent="1" force_rhr="0" type="marker">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties"/>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer locked="0" pass="0" class="SimpleMarker" enabled="1">
          <Option type="Map">
            <Option name="angle" value="0" type="QString"/>
            <Option name="cap_style" value="square" type="QString"/>
            <Option name="color" value="99,99,99,255" type="QString"/>
            <Option name="horizontal_anchor_point" value="1" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="name" value="circle" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="255,255,255,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.25" type="QString"/>
            <Option name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="scale_method" value="diameter" type="QString"/>
            <Option name="size" value="1.4" type="QString"/>
            <Option name="size_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="size_unit" value="MM" type="QString"/>
            <Option name="vertical_anchor_point" value="1" type="QString"/>
          </Option>
          <prop k="angle" v="0"/>
          <prop k="cap_style" v="square"/>
          <prop k="color" v="99,99,99,255"/>
          <prop k="horizontal_anchor_point" v="1"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="name" v="circle"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.25"/>
          <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="size" v="1.4"/>
          <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="size_unit" v="MM"/>
          <prop k="vertical_anchor_point" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties"/>
              <Option name="type" value="collection" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </symbols>
    <rotation/>
    <sizescale/>
  </renderer-v2>
  <customproperties>
    <Option/>
  </customproperties>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
  <geometryOptions removeDuplicateNodes="0" geometryPrecision="0">
    <activeChecks type="StringList">
      <Option value="" type="QString"/>
    </activeChecks>
    <checkConfiguration/>
  </geometryOptions>
  <legend showLabelLegend="0" type="default-vector"/>
  <referencedLayers/>
  <fieldConfiguration>
    <field name="building_id" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="facility_id" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="name" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="category" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="floor_area_m2" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="year_built" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="age_years" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="age_class" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="structure" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="floors" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="seismic" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="condition" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="last_renovation_year" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="status" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
    <field name="part_ratings" configurationFlags="None">
      <editWidget type="">
        <config>
          <Option/>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias index="0" name="棟ID" field="building_id"/>
    <alias index="1" name="施設ID" field="facility_id"/>
    <alias index="2" name="棟名" field="name"/>
    <alias index="3" name="分類" field="category"/>
    <alias index="4" name="延床面積 (㎡)" field="floor_area_m2"/>
    <alias index="5" name="建築年度" field="year_built"/>
    <alias index="6" name="築年数" field="age_years"/>
    <alias index="7" name="築年数区分" field="age_class"/>
    <alias index="8" name="構造" field="structure"/>
    <alias index="9" name="階数" field="floors"/>
    <alias index="10" name="耐震" field="seismic"/>
    <alias index="11" name="健全度" field="condition"/>
    <alias index="12" name="最終改修年度" field="last_renovation_year"/>
    <alias index="13" name="状態" field="status"/>
    <alias index="14" name="部位の評価 (屋根・外壁・内部・電気・機械)" field="part_ratings"/>
  </aliases>
  <defaults>
    <default expression="" applyOnUpdate="0" field="building_id"/>
    <default expression="" applyOnUpdate="0" field="facility_id"/>
    <default expression="" applyOnUpdate="0" field="name"/>
    <default expression="" applyOnUpdate="0" field="category"/>
    <default expression="" applyOnUpdate="0" field="floor_area_m2"/>
    <default expression="" applyOnUpdate="0" field="year_built"/>
    <default expression="" applyOnUpdate="0" field="age_years"/>
    <default expression="" applyOnUpdate="0" field="age_class"/>
    <default expression="" applyOnUpdate="0" field="structure"/>
    <default expression="" applyOnUpdate="0" field="floors"/>
    <default expression="" applyOnUpdate="0" field="seismic"/>
    <default expression="" applyOnUpdate="0" field="condition"/>
    <default expression="" applyOnUpdate="0" field="last_renovation_year"/>
    <default expression="" applyOnUpdate="0" field="status"/>
    <default expression="" applyOnUpdate="0" field="part_ratings"/>
  </defaults>
  <constraints>
    <constraint constraints="0" notnull_strength="0" exp_strength="0" field="building_id" unique_strength="0"/>
    <constraint constraints="0" notnull_strength="0" exp_strength="0" field="facility_id" unique_strength="0"/>
    <constraint constraints="0" notnull_strength="0" exp_strength="0" field="name" unique_strength="0"/>
    <constraint constraints="0" notnull_strength="0" exp_strength="0" field="category" unique_strength="0"/>
    <constraint constraints="0" notnull_strength="0" exp_strength="0" field="floor_area_m2" unique_strength="0"/>
    <constraint constraints="0" notnull_strength="0" exp_strength="0" field="year_built" unique_strength="0"/>
    <constraint constraints="0" notnull_strength="0" exp_strength="0" field="age_years" unique_strength="0"/>
    <constraint constraints="0" notnull_strength="0" exp_strength="0" field="age_class" unique_strength="0"/>
    <constraint constraints="0" notnull_strength="0" exp_strength="0" field="structure" unique_strength="0"/>
    <constraint constraints="0" notnull_strength="0" exp_strength="0" field="floors" unique_strength="0"/>
    <constraint constraints="0" notnull_strength="0" exp_strength="0" field="seismic" unique_strength="0"/>
    <constraint constraints="0" notnull_strength="0" exp_strength="0" field="condition" unique_strength="0"/>
    <constraint constraints="0" notnull_strength="0" exp_strength="0" field="last_renovation_year" unique_strength="0"/>
    <constraint constraints="0" notnull_strength="0" exp_strength="0" field="status" unique_strength="0"/>
    <constraint constraints="0" notnull_strength="0" exp_strength="0" field="part_ratings" unique_strength="0"/>
  </constraints>
  <constraintExpressions>
    <constraint desc="" exp="" field="building_id"/>
    <constraint desc="" exp="" field="facility_id"/>
    <constraint desc="" exp="" field="name"/>
    <constraint desc="" exp="" field="category"/>
    <constraint desc="" exp="" field="floor_area_m2"/>
    <constraint desc="" exp="" field="year_built"/>
    <constraint desc="" exp="" field="age_years"/>
    <constraint desc="" exp="" field="age_class"/>
    <constraint desc="" exp="" field="structure"/>
    <constraint desc="" exp="" field="floors"/>
    <constraint desc="" exp="" field="seismic"/>
    <constraint desc="" exp="" field="condition"/>
    <constraint desc="" exp="" field="last_renovation_year"/>
    <constraint desc="" exp="" field="status"/>
    <constraint desc="" exp="" field="part_ratings"/>
  </constraintExpressions>
  <expressionfields/>
  <attributeactions/>
  <attributetableconfig actionWidgetStyle="dropDown" sortExpression="" sortOrder="0">
    <columns/>
  </attributetableconfig>
  <conditionalstyles>
    <rowstyles/>
    <fieldstyles/>
  </conditionalstyles>
  <storedexpressions/>
  <editform tolerant="1"></editform>
  <editforminit/>
  <editforminitcodesource>0</editforminitcodesource>
  <editforminitfilepath></editforminitfilepath>
  <editforminitcode><![CDATA[]]></editforminitcode>
  <featformsuppress>0</featformsuppress>
  <editorlayout>generatedlayout</editorlayout>
  <editable/>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression></previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>0</layerGeometryType>
</qgis>
